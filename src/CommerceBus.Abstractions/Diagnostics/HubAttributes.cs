namespace CommerceBus.Abstractions.Diagnostics;

/// <summary>The attribute names the hub puts on its spans, and the label names of its metrics.</summary>
public static class HubAttributes
{
    public const string OrderNumber = "commercebus.order_number";
    public const string MessageType = "commercebus.message_type";
    public const string Route = "commercebus.route";
    public const string Endpoint = "commercebus.endpoint";
    public const string Outcome = "commercebus.outcome";
    public const string Adapter = "commercebus.adapter";

    /// <summary>Metric label names: short, because Prometheus shows them on every series.</summary>
    public static class Labels
    {
        public const string Adapter = "adapter";
        public const string Outcome = "outcome";
        public const string Route = "route";
        public const string Endpoint = "endpoint";
        public const string Kind = "kind";
        public const string State = "state";
        public const string Status = "status";
        public const string Duty = "duty";
    }
}
