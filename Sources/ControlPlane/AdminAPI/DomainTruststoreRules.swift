import Shared
#if canImport(Glibc)
import Glibc
#endif

/// Mutual TLS on a custom domain name: where its truststore comes from and AWS's conditions for
/// using one (issue 15; docs/tls.md, "Mutual TLS").
///
/// AWS reads `mutualTlsAuthentication.truststoreUri` from S3 (`s3://bucket/key`, optionally at
/// `truststoreVersion`). Tollgate cannot reach S3; instead the URI is a **`file://` URI of a PEM
/// bundle on the control plane's host** (`file:///etc/tollgate/clients-ca.pem`), read once, at the
/// CreateDomainName or UpdateDomainName call that names it. The bundle is then stored with the
/// domain and travels in the snapshot (public material: not sealed); changing the file changes
/// nothing until an UpdateDomainName names the URI again — AWS's "upload a new version, then
/// update the domain name". `s3://` → 501; `truststoreVersion` (an S3 object version) → 501.
enum DomainTruststoreRules {
    /// A truststore read and checked: the PEM bundle to store and AWS's `truststoreWarnings`.
    struct Truststore: Equatable {
        var pem: String
        /// One line per certificate that will not verify clients (expired, not yet valid); nil when none.
        var warnings: [String]?
    }

    /// The largest bundle read (AWS's limit is 1,000 certificates and 1 MB).
    static let maximumBytes = 1_000_000

    /// Reads and checks the truststore `input` names; `readFile` returns a file's text, or nil
    /// when it cannot be read. A bundle with no certificate, or with a block that does not decode,
    /// → 400 (AWS refuses a truststore it cannot parse); certificates expired or not yet valid at
    /// `now` become warnings, as AWS reports "invalid certificates" while enabling mutual TLS.
    static func truststore(_ input: MutualTlsAuthentication, now: Int64,
                           readFile: (String) -> String? = Self.readFile) throws(AdminError) -> Truststore {
        guard let uri = input.truststoreUri, !uri.isEmpty else {
            throw .badRequest("truststoreUri must be specified to enable mutual TLS")
        }
        if input.truststoreVersion != nil {
            throw .notImplemented("truststoreVersion names an S3 object version; Tollgate reads truststores from file:// URIs, which have none")
        }
        if uri.hasPrefix("s3://") {
            throw .notImplemented("Tollgate cannot read truststores from S3; give a file:// URI of a PEM bundle on the control plane's host (docs/tls.md)")
        }
        guard uri.hasPrefix("file:///"), !uri.utf8.contains(0) else {
            throw .badRequest("Invalid truststoreUri specified: \(uri). Tollgate reads file:///absolute/path.pem")
        }
        let path = String(uri.dropFirst("file://".count))
        guard let pem = readFile(path) else {
            throw .badRequest("The truststore \(uri) could not be read by the control plane")
        }
        let certificates: [X509Certificate.Info]
        do { certificates = try X509Certificate.certificates(pem: pem) } catch {
            throw .badRequest("Unable to parse the truststore \(uri). Please ensure it is a bundle of PEM certificates.")
        }
        var warnings: [String] = []
        for (index, certificate) in certificates.enumerated() {
            if certificate.notAfter <= now {
                warnings.append("Certificate \(index + 1) in the truststore has expired; clients it issued cannot authenticate.")
            } else if certificate.notBefore > now {
                warnings.append("Certificate \(index + 1) in the truststore is not yet valid; clients it issued cannot authenticate yet.")
            }
        }
        return Truststore(pem: pem, warnings: warnings.isEmpty ? nil : warnings)
    }

    /// AWS's conditions for mutual TLS: a REGIONAL domain name with the `TLS_1_2` security policy;
    /// Tollgate also needs an uploaded certificate to serve the name by SNI at all (no ACM).
    static func requireEligible(endpointType: String, securityPolicy: String, hasUploadedCertificate: Bool) throws(AdminError) {
        guard endpointType == "REGIONAL" else {
            throw .badRequest("Mutual TLS authentication is only supported for REGIONAL domain names.")
        }
        guard securityPolicy == "TLS_1_2" else {
            throw .badRequest("Mutual TLS authentication requires the security policy TLS_1_2.")
        }
        guard hasUploadedCertificate else {
            throw .badRequest("Mutual TLS authentication needs the domain's certificate uploaded (certificateBody, certificatePrivateKey): Tollgate cannot serve ACM certificates")
        }
    }

    /// The text of the file at `path`, or nil when it cannot be opened or read, or is larger than
    /// `maximumBytes`. Runs on the admin call's thread.
    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > maximumBytes { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
