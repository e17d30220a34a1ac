namespace CommerceBus.Conformance.Outbound;

/// <summary>
/// Order numbers that carry the behaviour a conformance endpoint must show, so one endpoint serves every test:
/// <c>A-</c> apply, <c>R-</c> refuse, <c>F-</c> fail, <c>H-</c> hang, then eight hex digits (ten characters fit every
/// wire, the 12-character fixed-width fields of TCP records included).
/// </summary>
public static class ConformanceOrders
{
    public static string NewNumber(EndpointBehaviour behaviour) =>
        behaviour switch
        {
            EndpointBehaviour.Apply => "A-",
            EndpointBehaviour.Refuse => "R-",
            EndpointBehaviour.Fail => "F-",
            _ => "H-",
        } + Guid.NewGuid().ToString("N")[..8];

    public static EndpointBehaviour BehaviourOf(string orderNumber) =>
        orderNumber.Length > 1 ? orderNumber[0] switch
        {
            'R' => EndpointBehaviour.Refuse,
            'F' => EndpointBehaviour.Fail,
            'H' => EndpointBehaviour.Hang,
            _ => EndpointBehaviour.Apply,
        } : EndpointBehaviour.Apply;
}
