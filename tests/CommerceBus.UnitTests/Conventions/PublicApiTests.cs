using CommerceBus.Abstractions.Inbound;
using PublicApiGenerator;
using Xunit;

namespace CommerceBus.UnitTests.Conventions;

/// <summary>
/// The public API of the abstractions every adapter, connector and module builds on does not change by accident
/// (NServiceBus's APIApprovals): the generated API must equal the approved file checked in beside this test.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_of_the_abstractions_is_the_approved_one()
    {
        var assembly = typeof(IInboundGateway).Assembly;
        var generated = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
        }));

        var approvedPath = Path.Combine(SourceTree.Root, "tests", "CommerceBus.UnitTests", "Conventions", "Approved",
            $"{assembly.GetName().Name}.approved.txt");
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;

        if (generated != approved)
        {
            File.WriteAllText(receivedPath, generated);
            Assert.Fail(
                $"The public API of {assembly.GetName().Name} changed. If the change is intended, review the difference " +
                $"and approve it: mv '{receivedPath}' '{approvedPath}' (diff -u the two files to see it).");
        }

        File.Delete(receivedPath);
    }

    private static string Normalize(string api) => api.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
