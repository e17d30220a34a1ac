using System.Reflection;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Fulfillment.Saga;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Sagas;

public sealed class OrderFulfillmentStatesTests
{
    [Fact]
    public void The_state_names_queries_use_are_exactly_the_state_machines_states()
    {
        var machine = new OrderFulfillmentStateMachine(Options.Create(new OrderFulfillmentOptions()), TimeProvider.System, new StepDeadlineAlarm());
        var states = machine.States.Select(s => s.Name).Where(n => n != machine.Final.Name).Order(StringComparer.Ordinal);
        var constants = typeof(OrderFulfillmentStates).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);

        Assert.Equal(constants, states);
        Assert.Equal(OrderFulfillmentStates.NotStarted, machine.Initial.Name);
    }
}
