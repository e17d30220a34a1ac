using System.ServiceModel;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>BookingServicePortType</c>, document/literal wrapped, as SoapCore dispatches it.</summary>
[ServiceContract(Namespace = ErpContract.Namespace, Name = "BookingServicePortType")]
public interface IBookingServiceContract
{
    [OperationContract(Action = ErpContract.BookOrderAction)]
    [XmlSerializerFormat]
    Task<BookingConfirmation> BookOrder([MessageParameter(Name = "Booking")] ErpBooking booking);

    [OperationContract(Action = ErpContract.CancelBookingAction)]
    [XmlSerializerFormat]
    Task<CancellationConfirmation> CancelBooking([MessageParameter(Name = "Cancellation")] ErpCancellation cancellation);
}
