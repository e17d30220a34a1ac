using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>One record from a terminal, decoded: a command for the hub, a status query, or a record refused as it stands.</summary>
internal abstract record TerminalRequest;

/// <summary>A place-order record; <paramref name="Errors"/> are the fields whose characters could not be read.</summary>
internal sealed record PlaceOrderRequest(PlaceOrder Order, IReadOnlyList<FieldError> Errors) : TerminalRequest;

/// <summary>A cancel record.</summary>
internal sealed record CancelOrderRequest(CancelOrder Cancel, IReadOnlyList<FieldError> Errors) : TerminalRequest;

/// <summary>A status query.</summary>
internal sealed record StatusRequest(string? OrderNumber) : TerminalRequest;

/// <summary>A record whose structure is wrong (framing or codec): answered with a NAK, never sent to the hub.</summary>
internal sealed record RejectedRecord(string? OrderNumber, string Code, string Reason) : TerminalRequest;
