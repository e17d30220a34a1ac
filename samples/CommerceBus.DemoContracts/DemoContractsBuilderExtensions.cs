using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Http;
using CommerceBus.Adapters.Soap;
using CommerceBus.DemoContracts.LegacyErp;
using CommerceBus.DemoContracts.Payments;

namespace CommerceBus.DemoContracts;

/// <summary>
/// Registers the demo endpoints' contracts: <c>payments</c> for the <c>http</c> connector, <c>legacy-erp</c> for the
/// <c>soap</c> connector. Endpoints name them with their <c>Contract</c> setting.
/// </summary>
public static class DemoContractsBuilderExtensions
{
    public static ICommerceBusBuilder AddDemoContracts(this ICommerceBusBuilder builder) =>
        builder
            .AddHttpContract<PaymentsHttpContract>(PaymentsHttpContract.Name)
            .AddSoapContract<LegacyErpSoapContract>(LegacyErpSoapContract.Name);
}
