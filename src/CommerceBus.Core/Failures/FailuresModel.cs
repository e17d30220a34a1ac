using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Failures;

/// <summary>The failed-message store's part of the hub database.</summary>
public sealed class FailuresModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new FailedMessageRecordConfiguration());
    }
}
