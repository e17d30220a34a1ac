using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Serialization;
using Microsoft.Extensions.Logging;
using SoapCore;
using SoapCore.Extensibility;

namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>
/// Renders what the service operations throw as a fault of the request's SOAP version. SoapCore's own faults say
/// Client/Sender for everything, including the hub's own failures; here the code says who is at fault.
/// </summary>
internal sealed partial class HubFaultTransformer(ILogger<HubFaultTransformer> logger) : IFaultExceptionTransformer
{
    public Message ProvideFault(Exception exception, MessageVersion messageVersion, Message requestMessage, ConcurrentXmlNamespaceLookup xmlNamespaceManager)
    {
        var version = messageVersion.Envelope == EnvelopeVersion.Soap12 ? SoapVersion.Soap12 : SoapVersion.Soap11;
        return Message.CreateMessage(messageVersion, null, new FaultBody(version, FaultFor(exception)));
    }

    private SoapFault FaultFor(Exception exception)
    {
        if (exception is SoapFaultException refused)
        {
            return refused.Fault;
        }

        // The serializer throws before the operation runs: what it could not read is the client's doing.
        if (exception.TargetSite?.DeclaringType == typeof(XmlSerializer))
        {
            var cause = exception.InnerException?.Message ?? exception.Message;
            return SoapFault.Sender($"The body could not be read as the OrderService contract: {cause} Nothing was accepted.");
        }

        LogUnexpected(logger, exception);
        return SoapFault.Receiver("The hub could not answer this request because of an internal error. Send it again later: a re-sent order with the same OrderNumber is not placed twice.");
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "A SOAP OrderService operation failed; answered with a Server/Receiver fault")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    private sealed class FaultBody(SoapVersion version, SoapFault fault) : BodyWriter(isBuffered: true)
    {
        protected override void OnWriteBodyContents(XmlDictionaryWriter writer) => SoapFaultWriter.Fault(writer, version, fault);
    }
}
