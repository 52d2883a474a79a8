import Shared
import Synchronization

/// The client certificates a node presents to stages' HTTPS integrations (`clientCertificateId`,
/// issue 15), rebuilt from each applied snapshot's `clientCertificates`.
///
/// `update` runs on the snapshot-apply queue, off the loops: it opens each sealed key with the
/// cluster secret's `SecretSeal` and builds the certificate's `TLSClientContexts` (system store
/// plus the node's `--ca-file`, like every upstream call); an unchanged certificate keeps its
/// contexts. A certificate that does not build is logged once and left out, so its stage's HTTPS
/// calls fail (`HTTPClientInvoker`) instead of reaching the backend without it. `contexts(for:)`
/// is read per HTTPS call of a stage that has a client certificate (one uncontended lock; calls
/// without one never get here). Thread-safe.
package final class TLSUpstreamClientCertificates: Sendable {
    private struct Built {
        let source: SnapshotClientCertificate
        let contexts: TLSClientContexts
    }

    private let seal: SecretSeal?
    private let caFile: String?
    private let log: @Sendable (String) -> Void
    private let table = Mutex<[String: Built]>([:])
    private let logged = Mutex<Set<String>>([])

    package init(seal: SecretSeal?, caFile: String?, log: @escaping @Sendable (String) -> Void) {
        self.seal = seal
        self.caFile = caFile
        self.log = log
    }

    /// The contexts presenting certificate `id`, or nil when this node has none for it.
    package func contexts(for id: String) -> TLSClientContexts? { table.withLock { $0[id]?.contexts } }

    /// Rebuilds the table from a snapshot's client certificates.
    package func update(_ certificates: [SnapshotClientCertificate]?) {
        let previous = table.withLock { $0 }
        var built: [String: Built] = [:]
        for certificate in certificates ?? [] {
            let id = certificate.clientCertificateId
            if let known = previous[id], known.source == certificate {
                built[id] = known
                continue
            }
            let reason: String
            if let seal, let key = certificate.openPrivateKey(seal: seal) {
                do {
                    built[id] = Built(source: certificate, contexts: try TLSClientContexts(
                        caFile: caFile, clientCertificateId: id, certificatePEM: certificate.certificate, privateKeyPEM: key))
                    continue
                } catch {
                    reason = "\(error)"
                }
            } else {
                reason = "its private key does not open with this node's cluster secret"
            }
            if logged.withLock({ $0.insert(id + "\u{0}" + certificate.sealedPrivateKey).inserted }) {
                log("client certificate \(id): not available (\(reason)); HTTPS calls of stages using it fail")
            }
        }
        table.withLock { $0 = built }
    }
}
