using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Strata.Templates.Tests.Fakes;

/// <summary>
/// A self-signed certificate for 127.0.0.1, for a fake that speaks TLS. A service trusts it when started with
/// SSL_CERT_FILE pointing at <see cref="WritePem"/>'s file: .NET on Linux then takes its trusted roots from that file.
/// </summary>
public static class LoopbackCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }

    /// <summary>The certificate alone (no key) as PEM, the format SSL_CERT_FILE is read in.</summary>
    public static string WritePem(X509Certificate2 certificate, string directory)
    {
        var path = Path.Combine(directory, "loopback-ca.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
