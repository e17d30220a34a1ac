using System.IdentityModel.Selectors;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Security;
using CommerceBus.IntegrationTests.Soap.WsdlClient;

namespace CommerceBus.IntegrationTests.Security.WsSecurity;

/// <summary>
/// WCF clients of the OrderService with WS-Security: <see cref="PasswordText"/> is WCF's own UsernameToken over HTTPS
/// (<c>TransportWithMessageCredential</c>); <see cref="Plain"/> has no security of its own, for a test that adds a
/// PasswordDigest header by hand (WCF on .NET sends only PasswordText).
/// </summary>
public static class UsernameTokenClient
{
    public static ChannelFactory<IOrderServicePortType> PasswordText(Uri https, X509Certificate2 server, string client, string password)
    {
        var binding = new BasicHttpBinding(BasicHttpSecurityMode.TransportWithMessageCredential)
        {
            SendTimeout = TimeSpan.FromSeconds(60),
            ReceiveTimeout = TimeSpan.FromSeconds(60),
        };
        binding.Security.Message.ClientCredentialType = BasicHttpMessageCredentialType.UserName;
        var factory = new ChannelFactory<IOrderServicePortType>(binding, new EndpointAddress(new Uri(https, "/soap/OrderService")));
        factory.Credentials.UserName.UserName = client;
        factory.Credentials.UserName.Password = password;
        factory.Credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
        {
            CertificateValidationMode = X509CertificateValidationMode.Custom,
            CustomCertificateValidator = new Pinned(server),
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return factory;
    }

    public static ChannelFactory<IOrderServicePortType> Plain(Uri http) =>
        new(new BasicHttpBinding { SendTimeout = TimeSpan.FromSeconds(60), ReceiveTimeout = TimeSpan.FromSeconds(60) },
            new EndpointAddress(new Uri(http, "/soap/OrderService")));

    /// <summary>Trusts exactly the hub's test certificate.</summary>
    private sealed class Pinned(X509Certificate2 server) : X509CertificateValidator
    {
        public override void Validate(X509Certificate2 certificate)
        {
            if (certificate.GetCertHashString() != server.GetCertHashString())
            {
                throw new System.IdentityModel.Tokens.SecurityTokenValidationException("Not the hub's test certificate.");
            }
        }
    }
}
