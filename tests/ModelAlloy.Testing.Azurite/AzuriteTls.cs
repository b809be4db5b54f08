using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// A self-signed certificate for 127.0.0.1 written as PEM files, so Azurite can serve HTTPS (which bearer-token
/// authentication requires). Clients trust it by comparing with <see cref="Certificate"/>, nothing system-wide.
/// </summary>
public sealed class AzuriteTls : IDisposable
{
    private AzuriteTls(X509Certificate2 certificate, string folder)
    {
        Certificate = certificate;
        Folder = folder;
    }

    /// <summary>The server certificate (public part).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The folder holding the PEM files.</summary>
    public string Folder { get; }

    /// <summary>The certificate file Azurite reads (<c>--cert</c>).</summary>
    public string CertificatePemPath => Path.Combine(Folder, "cert.pem");

    /// <summary>The private key file Azurite reads (<c>--key</c>).</summary>
    public string KeyPemPath => Path.Combine(Folder, "key.pem");

    /// <summary>Creates a certificate for 127.0.0.1 valid for a day, in a new temp folder.</summary>
    public static AzuriteTls Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var folder = Path.Combine(Path.GetTempPath(), "modelalloy-azurite-tls-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var tls = new AzuriteTls(X509CertificateLoader.LoadCertificate(created.RawData), folder);
        File.WriteAllText(tls.CertificatePemPath, created.ExportCertificatePem());
        File.WriteAllText(tls.KeyPemPath, key.ExportPkcs8PrivateKeyPem());
        return tls;
    }

    /// <summary>True when <paramref name="presented"/> is this certificate (for a client's validation callback).</summary>
    public bool IsThisCertificate(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
