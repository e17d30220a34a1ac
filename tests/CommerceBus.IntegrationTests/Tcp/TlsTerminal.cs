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
    public static async Task<string?> AskAsync(IPEndPoint endPoint, X509Certificate2 server, X509Certificate2? client, string record)
    {
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
            await tls.WriteAsync(Encoding.ASCII.GetBytes(record + "\n"), deadline.Token);
            var reply = new List<byte>();
            var buffer = new byte[1024];
            while (true)
            {
                var read = await tls.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return null;
                }

                var lf = Array.IndexOf(buffer, (byte)'\n', 0, read);
                reply.AddRange(buffer[..(lf >= 0 ? lf : read)]);
                if (lf >= 0)
                {
                    return Encoding.ASCII.GetString([.. reply]);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
        {
            return null;
        }
    }
}
