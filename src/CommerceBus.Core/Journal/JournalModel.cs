using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Journal;

/// <summary>The journal's and the inbox's part of the hub database.</summary>
public sealed class JournalModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new InboxEntryConfiguration());
        modelBuilder.ApplyConfiguration(new JournalEntryConfiguration());
    }
}
