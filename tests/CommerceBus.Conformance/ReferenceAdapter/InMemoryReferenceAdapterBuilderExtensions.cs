using CommerceBus.Abstractions.Hosting;

namespace CommerceBus.Conformance.ReferenceAdapter;

/// <summary>Registers the in-memory reference adapter.</summary>
public static class InMemoryReferenceAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddInMemoryReferenceAdapter(this ICommerceBusBuilder builder) =>
        builder.AddInboundAdapter<InMemoryReferenceAdapter>();
}
