using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>A store terminal speaking TLS (<c>SslStream</c>), with or without a client certificate; every wait has a deadline.</summary>
public static class TlsTerminal
{
    /// <summary>A self-signed certificate with its private key, made for the test.</summary>
    public static X509Certificate2 Certificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12, so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx, "test"), "test");
    }

    /// <summary>Writes <paramref name="certificate"/> as a password-protected PKCS#12 file, as an operator would deploy it.</summary>
    public static string WritePfx(X509Certificate2 certificate, string directory)
    {
        var path = Path.Combine(directory, "terminals.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        return path;
    }

    /// <summary>
    /// Connects over TLS trusting only <paramref name="server"/>, sends one record and returns the reply line; null when
    /// the hub ends the connection instead (handshake refused, certificate refused after the handshake).
    /// </summary>
    public static async Task<string?> AskAsync(IPEndPoint endPoint, X509Certificate2 server, X509Certificate2? client, string record) =>
        (await AskAllAsync(endPoint, server, client, record)).SingleOrDefault();

    /// <summary>
    /// Like <see cref="AskAsync"/> for several records sent at once on one connection (pipelined): the reply lines in
    /// order, fewer than the records when the hub ends the connection first.
    /// </summary>
    public static async Task<List<string>> AskAllAsync(IPEndPoint endPoint, X509Certificate2 server, X509Certificate2? client, params string[] records)
    {
        var replies = new List<string>();
        using var deadline = new CancellationTokenSource(TerminalClient.Deadline);
        using var tcp = new TcpClient(endPoint.AddressFamily);
        await tcp.ConnectAsync(endPoint, deadline.Token);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = client is null ? null : new X509CertificateCollection { client },
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == server.GetCertHashString(),
            }, deadline.Token);
            await tls.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(records.Select(r => r + "\n"))), deadline.Token);
            var pending = new List<byte>();
            var buffer = new byte[4096];
            while (replies.Count < records.Length)
            {
                var read = await tls.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return replies;
                }

                pending.AddRange(buffer[..read]);
                for (var lf = pending.IndexOf((byte)'\n'); lf >= 0; lf = pending.IndexOf((byte)'\n'))
                {
                    replies.Add(Encoding.ASCII.GetString([.. pending[..lf]]));
                    pending.RemoveRange(0, lf + 1);
                }
            }

            return replies;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
        {
            return replies;
        }
    }
}
