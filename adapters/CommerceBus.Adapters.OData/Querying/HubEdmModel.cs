using CommerceBus.Adapters.OData.Model;
using CommerceBus.Core.Journal;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace CommerceBus.Adapters.OData.Querying;

/// <summary>Builds the service's EDM model: the entity sets of <c>contracts/wire/rest.md</c> over the public entity types.</summary>
internal static class HubEdmModel
{
    public const string Namespace = "CommerceBus";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Hub" };
        builder.EntitySet<Order>("Orders").EntityType.HasKey(o => o.OrderNumber).Namespace = Namespace;
        builder.EntityType<OrderLine>().HasKey(l => l.Id).Namespace = Namespace;
        builder.EntitySet<Message>("Messages").EntityType.HasKey(m => m.Id).Namespace = Namespace;
        builder.EntitySet<Saga>("Sagas").EntityType.HasKey(s => s.TrackingId).Namespace = Namespace;
        builder.EntitySet<FailedMessage>("FailedMessages").EntityType.HasKey(f => f.Id).Namespace = Namespace;

        var direction = builder.EnumType<JournalDirection>();
        direction.Name = "MessageDirection";
        direction.Namespace = Namespace;
        return builder.GetEdmModel();
    }
}
