using System.Linq.Expressions;
using CommerceBus.Adapters.OData.Model;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;

namespace CommerceBus.Adapters.OData.Querying;

/// <summary>
/// The public entity types as projections of the hub's tables. Query options compose on top of them, so EF Core
/// translates the whole query, filter and order included, to one SQL statement.
/// </summary>
internal static class Projections
{
    private static readonly Expression<Func<OrderRecord, Order>> OrderWithLines = o => new Order
    {
        OrderNumber = o.OrderNumber,
        TrackingId = o.TrackingId,
        CustomerId = o.CustomerId,
        Currency = o.Currency,
        Region = o.Region,
        ShipToName = o.ShipToName,
        ShipToStreet = o.ShipToStreet,
        ShipToCity = o.ShipToCity,
        ShipToPostalCode = o.ShipToPostalCode,
        ShipToCountry = o.ShipToCountry,
        Total = o.Total,
        // Where the order stands is its saga row's (one join on the tracking id): the reason once it has ended, the
        // shipment once it has shipped, as the order's status answers report them.
        Status = o.Saga.Status,
        Reason = o.Saga.Status == nameof(Contracts.Orders.OrderStatus.Failed) || o.Saga.Status == nameof(Contracts.Orders.OrderStatus.Cancelled) ? o.Saga.Reason : null,
        ShipmentTrackingNumber = o.Saga.Status == nameof(Contracts.Orders.OrderStatus.Shipped) || o.Saga.Status == nameof(Contracts.Orders.OrderStatus.Completed) ? o.Saga.ShipmentTrackingNumber : null,
        CancelReason = o.Saga.CancelReason,
        SourceAdapter = o.SourceAdapter,
        CorrelationId = o.CorrelationId,
        CreatedAt = o.CreatedAt,
        UpdatedAt = o.Saga.StatusChangedAt,
        Lines = o.Lines.Select(l => new OrderLine
        {
            Id = l.Id,
            OrderNumber = l.OrderNumber,
            LineNumber = l.LineNumber,
            Sku = l.Sku,
            Quantity = l.Quantity,
            UnitPrice = l.UnitPrice,
        }).ToList(),
    };

    /// <summary>The personal data of an order: only a caller with the <c>pii</c> role reads it.</summary>
    public static readonly string[] PersonalFields =
        [nameof(Order.ShipToName), nameof(Order.ShipToStreet), nameof(Order.ShipToCity), nameof(Order.ShipToPostalCode)];

    // Without $expand=Lines the lines are not read at all, rather than read and then left out of the answer.
    private static readonly Expression<Func<OrderRecord, Order>> OrderOnly = WithoutMembers(OrderWithLines, nameof(Order.Lines));

    // Without the pii role the personal columns are not read at all: they are nulls, so a $filter or $orderby on them
    // still translates to SQL and sees only nulls.
    private static readonly Expression<Func<OrderRecord, Order>> ImpersonalWithLines = WithNullMembers(OrderWithLines, PersonalFields);
    private static readonly Expression<Func<OrderRecord, Order>> ImpersonalOnly = WithNullMembers(OrderOnly, PersonalFields);

    public static IQueryable<Order> Orders(HubDbContext db, bool withLines, bool personal) =>
        db.Orders.AsNoTracking().Select((withLines, personal) switch
        {
            (true, true) => OrderWithLines,
            (false, true) => OrderOnly,
            (true, false) => ImpersonalWithLines,
            (false, false) => ImpersonalOnly,
        });

    public static IQueryable<Message> Messages(HubDbContext db) => db.Journal.AsNoTracking().Select(e => new Message
    {
        Id = e.Id,
        MessageId = e.MessageId,
        CorrelationId = e.CorrelationId,
        CausationId = e.CausationId,
        SourceAdapter = e.SourceAdapter,
        ClientId = e.ClientId,
        MessageType = e.MessageType,
        Direction = e.Direction,
        OrderNumber = e.OrderNumber,
        TrackingId = e.TrackingId,
        Route = e.Route,
        Destination = e.Destination,
        Outcome = e.Outcome,
        Detail = e.Detail,
        ReceivedAt = e.ReceivedAt,
        CompletedAt = e.CompletedAt,
        DurationMs = e.DurationMs,
        TraceId = e.TraceId,
    });

    public static IQueryable<FailedMessage> FailedMessages(HubDbContext db) => db.FailedMessages.AsNoTracking().Select(f => new FailedMessage
    {
        Id = f.Id,
        Kind = f.Kind ?? FailedMessageKind.Delivery,
        MessageId = f.MessageId,
        CorrelationId = f.CorrelationId,
        MessageType = f.MessageType,
        Endpoint = f.Endpoint,
        Route = f.Route,
        OrderNumber = f.OrderNumber,
        TrackingId = f.TrackingId,
        Reason = f.Reason,
        ExceptionType = f.ExceptionType,
        ExceptionMessage = f.ExceptionMessage,
        Body = f.Body,
        Headers = f.Headers,
        Attempts = f.Attempts,
        AttemptHistory = f.AttemptHistory,
        FailedAt = f.FailedAt,
        Status = f.Status,
        ResolvedAt = f.ResolvedAt,
        ResolvedBy = f.ResolvedBy,
        ReplayOf = f.ReplayOf,
    });

    public static IQueryable<Saga> Sagas(HubDbContext db) => db.OrderSagas.AsNoTracking().Select(s => new Saga
    {
        TrackingId = s.CorrelationId,
        OrderNumber = s.OrderNumber,
        CurrentState = s.CurrentState,
        WaitingFor = s.WaitingFor,
        StepDeadline = s.StepDeadline,
        StockReserved = s.StockReserved,
        PaymentId = s.PaymentId,
        BookingId = s.BookingId,
        ShipmentTrackingNumber = s.ShipmentTrackingNumber,
        StockReleased = s.StockReleased,
        PaymentRefunded = s.PaymentRefunded,
        BookingCancelled = s.BookingCancelled,
        CancelRequested = s.CancelRequested,
        CancelReason = s.CancelReason,
        Reason = s.Reason,
        Version = s.Version,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
    });

    private static Expression<Func<TSource, TResult>> WithNullMembers<TSource, TResult>(Expression<Func<TSource, TResult>> projection, params string[] members)
    {
        var init = (MemberInitExpression)projection.Body;
        var bindings = init.Bindings.Select(b => members.Contains(b.Member.Name)
            ? Expression.Bind(b.Member, Expression.Constant(null, ((System.Reflection.PropertyInfo)b.Member).PropertyType))
            : b);
        return Expression.Lambda<Func<TSource, TResult>>(Expression.MemberInit(init.NewExpression, bindings), projection.Parameters);
    }

    private static Expression<Func<TSource, TResult>> WithoutMembers<TSource, TResult>(Expression<Func<TSource, TResult>> projection, params string[] members)
    {
        var init = (MemberInitExpression)projection.Body;
        var kept = init.Bindings.Where(b => !members.Contains(b.Member.Name));
        return Expression.Lambda<Func<TSource, TResult>>(Expression.MemberInit(init.NewExpression, kept), projection.Parameters);
    }
}
