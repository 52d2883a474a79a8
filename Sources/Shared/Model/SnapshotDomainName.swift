/// A custom domain name as nodes serve it: its name, endpoint type, TLS security policy, base
/// path mappings and uploaded certificate, key sealed (docs/compatibility.md, Domains and TLS).
///
/// Built by the control plane from the `domain_names` and `base_path_mappings` tables; compiled by
/// nodes into `CompiledDomainNames` (one dictionary lookup by `Host` per request). Omitted from
/// the snapshot (nil) when the store has no domain names, so such snapshots keep their bytes.
package struct SnapshotDomainName: Codable, Sendable, Equatable {
    /// As created (`api.example.com`); nodes match it case-insensitively against `Host`.
    package var domainName: String
    /// `EDGE`, `REGIONAL` or `PRIVATE`.
    package var endpointType: String
    /// `TLS_1_0`, `TLS_1_2`, … (the minimum protocol version on the TLS listener for this name).
    package var securityPolicy: String
    /// Oldest first; `basePath` is `""` for AWS's `(none)`.
    package var mappings: [SnapshotBasePathMapping]
    /// The uploaded certificate, its key sealed, that the TLS listener serves for this name by
    /// SNI; nil (omitted) when none was uploaded or the snapshot was built without a seal.
    package var certificate: SnapshotDomainCertificate?
    /// Mutual TLS: the PEM bundle of the CA certificates a client's certificate must verify
    /// against (`mutualTlsAuthentication.truststoreUri`, read by the control plane; public, so
    /// not sealed). nil (omitted): the domain does not ask for client certificates. With one,
    /// the node requires a verified client certificate on this name: by SNI in the handshake, and
    /// by `Host` at routing (a request that reached the name another way is refused).
    package var truststore: String?

    package init(domainName: String, endpointType: String, securityPolicy: String, mappings: [SnapshotBasePathMapping],
                 certificate: SnapshotDomainCertificate? = nil, truststore: String? = nil) {
        self.domainName = domainName
        self.endpointType = endpointType
        self.securityPolicy = securityPolicy
        self.mappings = mappings
        self.certificate = certificate
        self.truststore = truststore
    }
}

/// One base path mapping of a served domain name.
package struct SnapshotBasePathMapping: Codable, Sendable, Equatable {
    /// One path segment, or `""` for the empty base path (`(none)` in the admin API).
    package var basePath: String
    package var restApiId: String
    /// nil: the first segment after the base path names the stage.
    package var stage: String?

    package init(basePath: String, restApiId: String, stage: String?) {
        self.basePath = basePath
        self.restApiId = restApiId
        self.stage = stage
    }
}
