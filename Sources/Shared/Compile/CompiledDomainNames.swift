/// The custom domain names a node serves, keyed for one dictionary lookup by `Host` per request.
///
/// Compiled from `Snapshot.domainNames` by `SnapshotCompiler`, off the event loops; immutable.
/// Names match case-insensitively, without the port and a trailing dot (`API.Example.com:8443`
/// finds `api.example.com`); nothing is parsed per request beyond that one pass over the host.
package struct CompiledDomainNames: Sendable {
    /// Keyed by lowercased domain name.
    package let byName: [String: CompiledDomainName]

    package static let empty = CompiledDomainNames(byName: [:])

    package init(byName: [String: CompiledDomainName]) {
        self.byName = byName
    }

    /// Compiles the snapshot's domain names; throws on a name given twice or a base path that is
    /// not one segment (REST base path mappings are single-level).
    package static func compile(_ domains: [SnapshotDomainName]) throws(CompileError) -> CompiledDomainNames {
        var byName: [String: CompiledDomainName] = [:]
        for domain in domains {
            let key = domain.domainName.lowercased()
            guard byName[key] == nil else {
                throw .unsupportedFeature(feature: "a domain name given twice", detail: domain.domainName)
            }
            byName[key] = try CompiledDomainName.compile(domain)
        }
        return CompiledDomainNames(byName: byName)
    }

    package var isEmpty: Bool { byName.isEmpty }

    /// The domain `host` (a `Host` header value, maybe with `:port`) names, or nil.
    package func domain(forHost host: String) -> CompiledDomainName? {
        guard !byName.isEmpty else { return nil }
        var name = Substring(host)
        // A port follows the last `:` (domain names hold none; `[v6]:port` never names a domain).
        if let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) { name = Substring(name.utf8[..<colon]) }
        if name.utf8.last == UInt8(ascii: ".") { name = Substring(name.utf8.dropLast()) }
        let hasUpper = name.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        return byName[hasUpper ? name.lowercased() : String(name)]
    }
}

/// One served custom domain name and its base path mappings.
package struct CompiledDomainName: Sendable {
    /// As created.
    package let domainName: String
    package let endpointType: String
    package let securityPolicy: String
    /// The `(none)` mapping: catches every path no named base path matches.
    package let root: CompiledBasePathMapping?
    /// Named base paths (one segment each), matched case-sensitively against the first path segment.
    package let byBasePath: [String: CompiledBasePathMapping]
    /// Mutual TLS: a request for this name must arrive on a connection whose client certificate
    /// this domain's truststore verified (`TLSClientCertificate.verifiedForDomain`).
    package let requiresClientCertificate: Bool
    /// `domainName` lowercased, as `TLSClientCertificate.verifiedForDomain` holds it.
    private let key: String

    package init(domainName: String, endpointType: String, securityPolicy: String, root: CompiledBasePathMapping?,
                 byBasePath: [String: CompiledBasePathMapping], requiresClientCertificate: Bool = false) {
        self.domainName = domainName
        self.endpointType = endpointType
        self.securityPolicy = securityPolicy
        self.root = root
        self.byBasePath = byBasePath
        self.requiresClientCertificate = requiresClientCertificate
        key = domainName.lowercased()
    }

    /// Whether a connection whose verified client certificate is `certificate` may be routed
    /// here: always without mutual TLS; with it, only when this domain's truststore verified it
    /// (not another domain's, not a connection without one — plain `--listen`, no SNI, the
    /// default certificate).
    package func admits(_ certificate: TLSClientCertificate?) -> Bool {
        guard requiresClientCertificate else { return true }
        return certificate?.verifiedForDomain == key
    }

    static func compile(_ domain: SnapshotDomainName) throws(CompileError) -> CompiledDomainName {
        var root: CompiledBasePathMapping?
        var named: [String: CompiledBasePathMapping] = [:]
        for mapping in domain.mappings {
            guard !mapping.basePath.utf8.contains(UInt8(ascii: "/")) else {
                throw .unsupportedFeature(feature: "a multi-level base path", detail: "\(domain.domainName)/\(mapping.basePath)")
            }
            let compiled = CompiledBasePathMapping(basePath: mapping.basePath, restApiId: mapping.restApiId, stage: mapping.stage)
            if mapping.basePath.isEmpty {
                guard root == nil else { throw .unsupportedFeature(feature: "two (none) base path mappings", detail: domain.domainName) }
                root = compiled
            } else {
                guard named[mapping.basePath] == nil else {
                    throw .unsupportedFeature(feature: "a base path mapped twice", detail: "\(domain.domainName)/\(mapping.basePath)")
                }
                named[mapping.basePath] = compiled
            }
        }
        return CompiledDomainName(domainName: domain.domainName, endpointType: domain.endpointType,
                                  securityPolicy: domain.securityPolicy, root: root, byBasePath: named,
                                  requiresClientCertificate: domain.truststore != nil)
    }

    /// The mapping `path` (the request path without query, starting with `/`) falls under and what
    /// is left of the path after the base path (`""` or `/…`); nil when no mapping matches.
    /// `/v1/pets` with a `v1` mapping → (`v1`, `/pets`); `/v1` → (`v1`, `""`); anything else → the
    /// `(none)` mapping with the whole path.
    package func match(path: Substring) -> BasePathMatch? {
        let utf8 = path.utf8
        if !byBasePath.isEmpty, utf8.first == UInt8(ascii: "/") {
            let body = utf8[utf8.index(after: utf8.startIndex)...]
            let end = body.firstIndex(of: UInt8(ascii: "/")) ?? body.endIndex
            if end > body.startIndex, let mapping = byBasePath[String(Substring(body[..<end]))] {
                return BasePathMatch(mapping: mapping, path: Substring(body[end...]))
            }
        }
        return root.map { BasePathMatch(mapping: $0, path: path) }
    }
}

/// A base path mapping as a node routes by it.
package struct CompiledBasePathMapping: Sendable, Equatable {
    /// The segment, or `""` for `(none)`.
    package let basePath: String
    package let restApiId: String
    /// nil: the first segment after the base path names the stage.
    package let stage: String?

    package init(basePath: String, restApiId: String, stage: String?) {
        self.basePath = basePath
        self.restApiId = restApiId
        self.stage = stage
    }

    /// `$context.customDomain.basePathMatched`: the base path, or `(none)` for the empty one (how
    /// the admin API names it; AWS does not document the variable's value for the empty base path).
    package var basePathMatched: String { basePath.isEmpty ? BasePathMapping.none : basePath }
}

/// The outcome of `CompiledDomainName.match(path:)`.
package struct BasePathMatch: Sendable, Equatable {
    package let mapping: CompiledBasePathMapping
    /// The path after the base path (`""` or `/…`), still encoded.
    package let path: Substring
}
