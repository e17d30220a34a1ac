using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>What a SOAP service answered: the first element of its body, or its fault.</summary>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="Content">The body's first element when the answer is not a fault.</param>
/// <param name="Fault">The fault, when the answer is one.</param>
public sealed record SoapAnswer(int Status, XElement? Content, SoapAnswerFault? Fault);

/// <summary>A SOAP fault, read the same for 1.1 and 1.2.</summary>
/// <param name="Code">The fault code, 1.1 names mapped to 1.2 ones (Client is Sender, Server is Receiver).</param>
/// <param name="Reason">The fault string (1.1) or the first reason text (1.2).</param>
/// <param name="Detail">The <c>detail</c> (1.1) or <c>Detail</c> (1.2) element, if any.</param>
public sealed record SoapAnswerFault(SoapFaultCode Code, string Reason, XElement? Detail);
