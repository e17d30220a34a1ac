namespace CommerceBus.Bench.Http;

/// <summary>One column of the benchmark: which process the load goes to, under which path, with which message.</summary>
internal sealed record Scenario(string Name, string Description, Target Target, string Path, MessageKind Message, IReadOnlyDictionary<string, string> Headers)
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("direct", "the echo backend, called directly", Target.Backend, "/svc", MessageKind.Quote, NoHeaders),
        new("yarp", "a bare YARP forwarder (the peer)", Target.Yarp, "/svc", MessageKind.Quote, NoHeaders),
        new("pass", "hub pass-through proxy", Target.Hub, "/pass/svc", MessageKind.Quote, NoHeaders),
        new("cbr-http", "hub CBR on an HTTP header", Target.Hub, "/cbr-http/svc", MessageKind.Quote, new Dictionary<string, string> { ["X-Route"] = "quotes" }),
        new("cbr-soap-header", "hub CBR on a SOAP header element (/Routing/Target)", Target.Hub, "/cbr-soap-header/svc", MessageKind.Quote, NoHeaders),
        new("cbr-soap-body", "hub CBR on a SOAP body element (//order[1]/symbol)", Target.Hub, "/cbr-soap-body/svc", MessageKind.Quote, NoHeaders),
        new("transform", "hub SOAP PlaceOrder to canonical JSON", Target.Hub, "/transform/svc", MessageKind.PlaceOrder, NoHeaders),
    ];

    private static Dictionary<string, string> NoHeaders => [];
}

/// <summary>The processes a scenario can send its load to.</summary>
internal enum Target
{
    Backend,
    Yarp,
    Hub,
}

/// <summary>The message bodies of the benchmark.</summary>
internal enum MessageKind
{
    /// <summary>A SOAP quote request: a routing header element and orders whose first symbol routes the body.</summary>
    Quote,

    /// <summary>The legacy SOAP PlaceOrder, with as many lines as the size asks for.</summary>
    PlaceOrder,
}
