using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace CommerceBus.Bench.Http;

/// <summary>
/// N workers, each sending one request after another for a fixed time after a warm-up (closed loop), over one
/// HTTP/1.1 connection pool. Latency is measured per request around send-and-read-whole-answer; percentiles come from
/// the sorted samples of the measured window.
/// </summary>
internal sealed class LoadGenerator(Uri address, byte[] body, string contentType, IReadOnlyDictionary<string, string> headers, int concurrency) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11,
    };

    public async Task<(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)> RunAsync(
        TimeSpan warmUp, TimeSpan duration, Action onMeasureStart, Action onMeasureEnd, CancellationToken cancellationToken)
    {
        var measuring = 0;
        var stop = 0;
        var samples = new List<long>[concurrency];
        var errors = new long[concurrency];
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var index = w;
            samples[index] = new List<long>(8192);
            workers[index] = Task.Run(async () =>
            {
                while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    var ok = await SendAsync(cancellationToken);
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    if (Volatile.Read(ref measuring) == 1 && Volatile.Read(ref stop) == 0)
                    {
                        samples[index].Add(elapsed);
                        if (!ok)
                        {
                            errors[index]++;
                        }
                    }
                }
            }, cancellationToken);
        }

        await Task.Delay(warmUp, cancellationToken);
        onMeasureStart();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref stop, 1);
        var seconds = clock.Elapsed.TotalSeconds;
        onMeasureEnd();
        await Task.WhenAll(workers);

        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return (all.Length, errors.Sum(), seconds, Percentile(0.50), Percentile(0.99));
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
