using System.Security.Cryptography;

namespace CommerceBus.Persistence.Coordination;

/// <summary>
/// This hub process among the hubs sharing a database: its id names it in <c>duty_runs</c>, in PostgreSQL's
/// <c>pg_stat_activity</c> (application name <c>commercebus:&lt;id&gt;</c>) and in its start-up log line.
/// </summary>
public sealed class HubInstance
{
    /// <summary>The configuration key of the id (<c>CommerceBus:InstanceId</c>).</summary>
    public const string Setting = "CommerceBus:InstanceId";

    public HubInstance(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id.Trim();
    }

    /// <summary>The configured id, or <c>&lt;hostname&gt;-&lt;pid&gt;-&lt;6 hex digits&gt;</c>: unique even for two hubs on one host, or a pid reused after a restart.</summary>
    public string Id { get; }

    /// <summary>The instance named <paramref name="configured"/>, or a new default id when it is empty.</summary>
    public static HubInstance From(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}"
            : configured);

    public override string ToString() => Id;
}
