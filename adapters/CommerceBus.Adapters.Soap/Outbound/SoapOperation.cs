using System.Xml.Linq;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>One request of a SOAP contract: the operation's name, its action URI and the body element the envelope carries.</summary>
/// <param name="Name">The operation, for messages and the journal (<c>BookOrder</c>).</param>
/// <param name="Action">The SOAP action (the <c>SOAPAction</c> header in 1.1, the content type's <c>action</c> in 1.2).</param>
/// <param name="Body">The element inside <c>soap:Body</c>.</param>
public sealed record SoapOperation(string Name, string Action, XElement Body);
