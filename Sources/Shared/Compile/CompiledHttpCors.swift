/// An HTTP API's `corsConfiguration`, compiled once per snapshot: what preflights are answered with
/// and what is added to every answer to an allowed origin (AWS developer guide, "Configuring CORS
/// for an HTTP API"). Immutable. Pure.
///
/// Origins match exactly (case-insensitively), `*` matches any, and `https://*.example.com` any
/// subdomain of `example.com` over that scheme. With CORS configured, the integration's own
/// `Access-Control-*` headers are replaced by these, as AWS ignores a backend's CORS headers.
package struct CompiledHttpCors: Sendable, Equatable {
    package let allowOrigins: [String]
    package let allowCredentials: Bool
    /// Joined with `,`; nil when not configured (the header is left out).
    package let allowMethods: String?
    package let allowHeaders: String?
    package let exposeHeaders: String?
    package let maxAge: Int?

    package init(_ cors: V2Cors) {
        allowOrigins = (cors.allowOrigins ?? []).map { $0.lowercased() }
        allowCredentials = cors.allowCredentials ?? false
        allowMethods = Self.joined(cors.allowMethods)
        allowHeaders = Self.joined(cors.allowHeaders)
        exposeHeaders = Self.joined(cors.exposeHeaders)
        maxAge = cors.maxAge.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`: `*` when every origin is
    /// allowed (and credentials are not), the origin itself when it is allowed, nil when it is not.
    package func allowedOrigin(_ origin: String) -> String? {
        let lowered = origin.lowercased()
        for allowed in allowOrigins {
            if allowed == "*" { return allowCredentials ? origin : "*" }
            if allowed == lowered { return origin }
            if let star = allowed.range(of: "://*."), lowered.hasPrefix(allowed[..<star.lowerBound] + "://"),
               lowered.hasSuffix("." + allowed[star.upperBound...]) {
                return origin
            }
        }
        return nil
    }

    private static func joined(_ values: [String]?) -> String? {
        guard let values, !values.isEmpty else { return nil }
        return values.joined(separator: ",")
    }
}
