using System.Reflection;
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
        // The builder looks for derived types of the entity types in the assemblies its resolver names; the default names
        // every loaded assembly and calls GetTypes() on each, which loads every type of ASP.NET Core, EF Core, MassTransit
        // and the rest into the runtime's loader heaps for good: about 40,000 types, the largest part of an idle hub's
        // memory (bench/README.md, "Idle memory"). The entity types have no derived types outside their own assemblies.
        var builder = new ODataConventionModelBuilder(EntityAssemblies.Instance) { Namespace = Namespace, ContainerName = "Hub" };
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

    /// <summary>The assemblies of the model's types: the only ones the builder searches for derived types.</summary>
    private sealed class EntityAssemblies : IAssemblyResolver
    {
        public static readonly EntityAssemblies Instance = new();

        public IEnumerable<Assembly> Assemblies { get; } = [typeof(Order).Assembly, typeof(JournalDirection).Assembly];
    }
}
