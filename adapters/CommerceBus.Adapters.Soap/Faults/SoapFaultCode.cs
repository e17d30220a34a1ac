namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>The fault codes the adapter sends, by their SOAP 1.2 names; SOAP 1.1 says Client and Server for the first two.</summary>
public enum SoapFaultCode
{
    /// <summary>The request is at fault (1.1 <c>soap:Client</c>, 1.2 <c>env:Sender</c>); sending it again will not help.</summary>
    Sender,

    /// <summary>The hub is at fault (1.1 <c>soap:Server</c>, 1.2 <c>env:Receiver</c>); the same request may succeed later.</summary>
    Receiver,

    /// <summary>The envelope is not in a SOAP namespace the hub speaks.</summary>
    VersionMismatch,

    /// <summary>A header the client marked <c>mustUnderstand</c> is not one the hub understands.</summary>
    MustUnderstand,
}
