using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Duties;

/// <summary>The periodic duties' part of the hub database: the record of their runs.</summary>
public sealed class DutiesModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new DutyRunRecordConfiguration());
}
