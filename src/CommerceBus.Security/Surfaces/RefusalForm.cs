namespace CommerceBus.Security.Surfaces;

/// <summary>How a surface's callers are told they are refused: in the form their clients read.</summary>
public enum RefusalForm
{
    /// <summary>RFC 9457 problem details with the HTTP status (401, 403, 413, 429).</summary>
    ProblemDetails,

    /// <summary>A SOAP fault of the request's SOAP version (<see cref="SoapRefusal"/>) for SOAP posts; other requests
    /// (a <c>?wsdl</c> fetch) get problem details.</summary>
    SoapFault,
}
