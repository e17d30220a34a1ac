using System.Net;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>A request body sent in two parts: the second only once <c>release</c> has completed (chunked, no length).</summary>
internal sealed class HeldBackContent(byte[] first, byte[] second, Task release) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(first);
        await stream.FlushAsync();
        await release;
        await stream.WriteAsync(second);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
