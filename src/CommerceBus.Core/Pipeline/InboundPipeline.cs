using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// The one inbound pipeline every adapter's commands go through:
/// normalize → dispatch-after-commit → journal+commit → inbox → validate → route → accept.
/// </summary>
/// <remarks>
/// Each step wraps the ones after it, so the journal step sees the outcome of validation, routing and acceptance and
/// commits it in one transaction, and the dispatch step runs only once that commit has succeeded.
/// </remarks>
internal sealed class InboundPipeline : IInboundGateway
{
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly InboundStepDelegate _first;
    private readonly StatusSources _statuses;

    public InboundPipeline(
        IDbContextFactory<HubDbContext> contexts,
        NormalizeStep normalize,
        DispatchStep dispatch,
        JournalStep journal,
        InboxStep inbox,
        ValidateStep validate,
        RouteStep route,
        AcceptStep accept,
        StatusSources statuses)
    {
        _contexts = contexts;
        _statuses = statuses;
        IInboundStep[] steps = [normalize, dispatch, journal, inbox, validate, route, accept];
        InboundStepDelegate next = _ => Task.CompletedTask;
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            var step = steps[i];
            var after = next;
            var span = step.GetType().Name.Replace("Step", "", StringComparison.Ordinal).ToLowerInvariant();
            next = context => context.Result is null ? TracedAsync(span, step, context, after) : Task.CompletedTask;
        }

        _first = next;
    }

    public async Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // "amqp:{app-id}" names the publishing application, which the client chooses: the label keeps the adapter only.
        var adapter = message.SourceAdapter.Split(':')[0];
        using var activity = HubTelemetry.Start("pipeline");
        activity?.SetTag(HubAttributes.Adapter, message.SourceAdapter);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var context = new InboundContext(message, db, cancellationToken);
        try
        {
            await _first(context);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            HubTelemetry.MessagesIn.Add(1, new(HubAttributes.Labels.Adapter, adapter), new(HubAttributes.Labels.Outcome, "Error"));
            throw;
        }

        var result = context.Result ?? throw new InvalidOperationException("The pipeline ended without a result.");
        var outcome = result.Outcome.ToString();
        HubTelemetry.MessagesIn.Add(1, new(HubAttributes.Labels.Adapter, adapter), new(HubAttributes.Labels.Outcome, outcome));
        if (activity is not null)
        {
            activity.DisplayName = $"pipeline {context.Envelope.MessageType}";
            activity.SetTag(HubAttributes.MessageType, context.Envelope.MessageType);
            activity.SetTag(HubAttributes.OrderNumber, context.OrderNumber);
            activity.SetTag(HubAttributes.Route, context.Route is null ? null : string.Join(",", context.Route.Routes));
            activity.SetTag(HubAttributes.Outcome, outcome);
        }

        return result;
    }

    /// <summary>Runs one step inside a span of its own, so a trace shows the steps nested in the order they wrap each other.</summary>
    private static async Task TracedAsync(string name, IInboundStep step, InboundContext context, InboundStepDelegate next)
    {
        using var activity = HubTelemetry.Start(name);
        await step.InvokeAsync(context, next);
    }

    public async Task<StatusView?> GetStatusAsync(string family, string key, CancellationToken cancellationToken)
    {
        var source = _statuses.For(family);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await source.FindAsync(db, key, cancellationToken);
    }
}
