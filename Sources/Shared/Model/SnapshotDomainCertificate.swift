/// The certificate a custom domain name's uploaded material makes the TLS listener serve by SNI,
/// as the snapshot carries it: the certificate and chain in PEM (public), the private key
/// **sealed** under the cluster secret (`SecretSeal`), so neither a snapshot body nor a node's
/// disk cache ever holds the key in clear (issue 15; docs/tls.md, "Custom domain names").
package struct SnapshotDomainCertificate: Codable, Sendable, Equatable {
    /// The leaf certificate, PEM (`certificateBody`).
    package var certificateBody: String
    /// The intermediates, PEM (`certificateChain`), nil when none were uploaded.
    package var certificateChain: String?
    /// `SecretSeal.seal(privateKeyPEM, context: sealContext(…))`.
    package var sealedPrivateKey: String

    package init(certificateBody: String, certificateChain: String?, sealedPrivateKey: String) {
        self.certificateBody = certificateBody
        self.certificateChain = certificateChain
        self.sealedPrivateKey = sealedPrivateKey
    }

    /// The seal context of a domain's key: unique to that key for life, as `SecretSeal` requires,
    /// because a certificate names exactly one key and the digest names the certificate (a new
    /// key means a new certificate, so a new context). Pure.
    package static func sealContext(domainName: String, certificateBody: String) -> String {
        "tollgate/domain-certificate-key/" + domainName.lowercased() + "/" + Digest.sha256Hex(certificateBody.utf8)
    }

    /// The private key opened with `seal`, or nil when it does not open (another cluster secret,
    /// altered text).
    package func openPrivateKey(domainName: String, seal: SecretSeal) -> String? {
        seal.open(sealedPrivateKey, context: Self.sealContext(domainName: domainName, certificateBody: certificateBody))
    }
}
