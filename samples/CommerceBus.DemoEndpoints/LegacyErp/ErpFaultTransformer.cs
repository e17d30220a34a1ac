using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using CommerceBus.DemoEndpoints.LegacyErp.Wire;
using SoapCore;
using SoapCore.Extensibility;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>
/// Writes the ERP's faults as its WSDL declares them: a refusal is a Client/Sender fault with a <c>BookingRefused</c>
/// detail; anything else is a Server/Receiver fault, which tells the caller to try again.
/// </summary>
internal sealed class ErpFaultTransformer(ErpBook book) : IFaultExceptionTransformer
{
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    public Message ProvideFault(Exception exception, MessageVersion messageVersion, Message requestMessage, ConcurrentXmlNamespaceLookup xmlNamespaceManager) =>
        Message.CreateMessage(messageVersion, null, new FaultBody(messageVersion.Envelope == EnvelopeVersion.Soap12, exception, book.Instance));

    private sealed class FaultBody(bool soap12, Exception exception, string erp) : BodyWriter(isBuffered: true)
    {
        protected override void OnWriteBodyContents(XmlDictionaryWriter writer)
        {
            var refused = exception as ErpRefusalException;
            var reason = refused?.Message ?? $"{erp} could not process the request ({exception.GetType().Name}); try again later.";
            var (ns, prefix) = soap12 ? (Soap12, "env") : (Soap11, "soap");
            writer.WriteStartElement(prefix, "Fault", ns);
            if (soap12)
            {
                writer.WriteStartElement(prefix, "Code", ns);
                writer.WriteElementString(prefix, "Value", ns, refused is null ? "env:Receiver" : "env:Sender");
                writer.WriteEndElement();
                writer.WriteStartElement(prefix, "Reason", ns);
                writer.WriteStartElement(prefix, "Text", ns);
                writer.WriteAttributeString("xml", "lang", null, "en");
                writer.WriteString(reason);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteStartElement(prefix, "Detail", ns);
            }
            else
            {
                writer.WriteElementString("faultcode", refused is null ? "soap:Server" : "soap:Client");
                writer.WriteElementString("faultstring", reason);
                writer.WriteStartElement("detail");
            }

            if (refused is not null)
            {
                writer.WriteStartElement("erp", "BookingRefused", ErpContract.Namespace);
                writer.WriteElementString("erp", "Erp", ErpContract.Namespace, refused.Erp);
                writer.WriteElementString("erp", "Reason", ErpContract.Namespace, refused.Message);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }
}
