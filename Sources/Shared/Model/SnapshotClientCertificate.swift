/// An API Gateway client certificate as the snapshot carries it for the stages that name it
/// (`clientCertificateId`): its PEM certificate and its private key **sealed** under the cluster
/// secret (`SecretSeal`), never in clear. Nodes present it to the stage's HTTPS integrations
/// (issue 15; docs/tls.md, "Calling HTTPS integrations").
package struct SnapshotClientCertificate: Codable, Sendable, Equatable {
    package var clientCertificateId: String
    /// `pemEncodedCertificate`.
    package var certificate: String
    /// `SecretSeal.seal(privateKeyPEM, context: sealContext(id))`.
    package var sealedPrivateKey: String

    package init(clientCertificateId: String, certificate: String, sealedPrivateKey: String) {
        self.clientCertificateId = clientCertificateId
        self.certificate = certificate
        self.sealedPrivateKey = sealedPrivateKey
    }

    /// The seal context of a client certificate's key: its id, which names one key for life.
    package static func sealContext(_ id: String) -> String { "tollgate/client-certificate-key/" + id }

    /// The private key opened with `seal`, or nil when it does not open.
    package func openPrivateKey(seal: SecretSeal) -> String? {
        seal.open(sealedPrivateKey, context: Self.sealContext(clientCertificateId))
    }
}
