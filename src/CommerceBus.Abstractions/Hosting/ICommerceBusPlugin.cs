namespace CommerceBus.Abstractions.Hosting;

/// <summary>
/// Registrations that live in an assembly the host does not reference and loads only when configuration asks for it
/// (the demo endpoints are one), so a build that leaves the assembly out contains none of it.
/// </summary>
/// <remarks>The host creates the plug-in with its parameterless constructor and calls <see cref="Register"/> once.</remarks>
public interface ICommerceBusPlugin
{
    /// <summary>Adds the plug-in's services, connectors and adapters to the hub.</summary>
    void Register(ICommerceBusBuilder hub);
}
