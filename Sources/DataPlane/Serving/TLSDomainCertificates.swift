import Shared
import Synchronization

/// Compiles the custom domain names of each applied snapshot into the `TLSServerNames` table the
/// node's TLS listener selects from by SNI (issue 15; docs/tls.md, "Custom domain names").
///
/// Runs off the event loops, in the snapshot applier, before the snapshot goes live. For every
/// domain with an uploaded certificate it opens the sealed key with the cluster secret's
/// `SecretSeal` and builds one server `TLSContext` with the domain's `securityPolicy`. A domain
/// whose certificate, key and policy are unchanged keeps its context (its session tickets stay
/// valid); a changed one gets a new context. **Fallback** for a domain that does not build (the
/// key does not open — another cluster secret —, libssl refuses the material, or the policy is
/// one Tollgate does not serve): the context it had before keeps serving if there was one, else
/// the name is left out and its handshakes get the listener's default certificate, which does not
/// name the domain, so a verifying client refuses it; one `error` line per domain and material.
/// **Mutual TLS**: a domain with a `truststore` gets a context that requires a client certificate
/// verifying against it (`TLSContext(…truststorePEM:)`); a changed truststore is a changed
/// material, so a new context. A domain whose mTLS context does not build falls back as above,
/// and its requests are then refused at routing (`CompiledDomainName.admits`): no connection
/// carries a certificate its truststore verified, so mutual TLS is never silently dropped.
/// Thread-safe; `update` runs on one thread at a time (the applier's).
package final class TLSDomainCertificates: Sendable {
    private struct Built {
        /// What the context was built from: certificate, chain, sealed key, policy.
        let material: [String]
        let entry: TLSServerNames.Entry
    }

    private struct State {
        var built: [String: Built] = [:]
        var current: TLSServerNames?
        /// Domain → the material whose failure was logged (so each is logged once).
        var logged: [String: [String]] = [:]
    }

    private let seal: SecretSeal?
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// `seal` opens the keys (nil: none can be opened, every domain falls back); `log` takes the
    /// lines of domains that did not build.
    package init(seal: SecretSeal?, log: @escaping @Sendable (String) -> Void) {
        self.seal = seal
        self.log = log
    }

    /// The table of the last `update` (nil before the first or when no domain has a certificate).
    package var current: TLSServerNames? { state.withLock { $0.current } }

    /// Builds the table for `domains` (a snapshot's `domainNames`), remembers it and returns it.
    package func update(_ domains: [SnapshotDomainName]?) -> TLSServerNames? {
        let previous = state.withLock { $0.built }
        var logged = state.withLock { $0.logged }
        var built: [String: Built] = [:]
        var lines: [String] = []
        let present = Set((domains ?? []).map { $0.domainName.lowercased() })
        for domain in domains ?? [] {
            guard let certificate = domain.certificate else { continue }
            let name = domain.domainName.lowercased()
            let material = [certificate.certificateBody, certificate.certificateChain ?? "", certificate.sealedPrivateKey, domain.securityPolicy,
                            domain.truststore ?? ""]
            if let known = previous[name], known.material == material {
                built[name] = known
                continue
            }
            switch Self.build(domain, certificate, seal: seal) {
            case .success(let entry):
                built[name] = Built(material: material, entry: entry)
                logged[name] = nil
            case .failure(let reason):
                if let known = previous[name] { built[name] = known }
                if logged[name] != material {
                    logged[name] = material
                    let fallback = previous[name] != nil ? "its previous certificate keeps serving" : "its handshakes get the default --tls-cert"
                    lines.append("custom domain \(domain.domainName): certificate not served (\(reason)); \(fallback)")
                }
            }
        }
        let table = built.isEmpty ? nil : TLSServerNames(built.mapValues(\.entry))
        state.withLock {
            $0.built = built
            $0.current = table
            $0.logged = logged.filter { present.contains($0.key) }
        }
        lines.forEach(log)
        return table
    }

    private enum Failure: Error, CustomStringConvertible {
        case reason(String)
        var description: String { switch self { case .reason(let text): text } }
    }

    /// One domain's entry, or why it does not build.
    private static func build(_ domain: SnapshotDomainName, _ certificate: SnapshotDomainCertificate,
                              seal: SecretSeal?) -> Result<TLSServerNames.Entry, Failure> {
        guard let policy = TLSSecurityPolicy(apiGatewayName: domain.securityPolicy) else {
            return .failure(.reason("securityPolicy \(domain.securityPolicy) is not served"))
        }
        guard let seal, let key = certificate.openPrivateKey(domainName: domain.domainName, seal: seal) else {
            return .failure(.reason("its private key does not open with this node's cluster secret"))
        }
        do {
            let context = if let truststore = domain.truststore {
                try TLSContext(certificatePEM: certificate.certificateBody, chainPEM: certificate.certificateChain, privateKeyPEM: key,
                               truststorePEM: truststore, sessionScope: domain.domainName)
            } else {
                try TLSContext(certificatePEM: certificate.certificateBody, chainPEM: certificate.certificateChain, privateKeyPEM: key)
            }
            return .success(TLSServerNames.Entry(context: context, policy: policy))
        } catch {
            return .failure(.reason("\(error)"))
        }
    }
}
