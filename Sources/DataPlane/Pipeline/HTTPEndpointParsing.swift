import Shared

/// Adapts `HTTPEndpoint.parse` for URLs without `{placeholders}` (the Lambda endpoint).
enum HTTPEndpointParsing {
    /// A URL split into its parts, path as one string.
    struct Parsed {
        let isTLS: Bool
        let host: String
        let port: Int
        let hostHeader: String
        let path: String
        let query: String?
    }

    static func parse(_ url: String) -> Parsed? {
        guard let endpoint = HTTPEndpoint.parse(url) else { return nil }
        var path = ""
        for piece in endpoint.path {
            guard case .literal(let text) = piece else { return nil }
            path += text
        }
        return Parsed(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, hostHeader: endpoint.hostHeader,
                      path: path, query: endpoint.query)
    }
}
