/// A parsed HTTP(S) integration endpoint: where HTTP and HTTP_PROXY integrations send requests.
///
/// Built from the integration `uri` after stage variables are substituted. The path keeps its
/// `{name}` placeholders as template pieces, filled per request from `integration.request.path.*`.
package struct HTTPEndpoint: Sendable, Equatable {
    /// One piece of the endpoint path: literal text (already percent-encoded as written) or `{name}`.
    package enum PathPiece: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    package let isTLS: Bool
    /// Host name or IP literal, without brackets for IPv6.
    package let host: String
    package let port: Int
    /// The `Host` header value: host, bracketed for IPv6, with `:port` unless it is the scheme default.
    package let hostHeader: String
    /// Always starts with a literal beginning with `/`.
    package let path: [PathPiece]
    /// The raw query of the URI (without `?`), or nil.
    package let query: String?

    package init(isTLS: Bool, host: String, port: Int, hostHeader: String, path: [PathPiece], query: String?) {
        self.isTLS = isTLS
        self.host = host
        self.port = port
        self.hostHeader = hostHeader
        self.path = path
        self.query = query
    }

    /// The names of the `{name}` placeholders in the path, in order.
    package var pathParameterNames: [String] {
        path.compactMap { if case .parameter(let name) = $0 { return name } else { return nil } }
    }

    /// Parses `http[s]://host[:port][/path][?query]`; nil for anything else (user info, bad port,
    /// empty host, spaces, unbalanced braces). A fragment is dropped.
    package static func parse(_ uri: String) -> HTTPEndpoint? {
        var rest = uri[...]
        let isTLS: Bool
        if rest.lowercased().hasPrefix("https://") {
            isTLS = true
            rest = rest.dropFirst(8)
        } else if rest.lowercased().hasPrefix("http://") {
            isTLS = false
            rest = rest.dropFirst(7)
        } else {
            return nil
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard !rest.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return nil }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@"), let (host, port, bracketed) = parseAuthority(authority, defaultPort: isTLS ? 443 : 80) else {
            return nil
        }
        var pathAndQuery = rest[authorityEnd...]
        var query: String?
        if let q = pathAndQuery.firstIndex(of: "?") {
            query = String(pathAndQuery[pathAndQuery.index(after: q)...])
            pathAndQuery = pathAndQuery[..<q]
        }
        guard let pieces = parsePath(pathAndQuery.isEmpty ? "/" : pathAndQuery) else { return nil }
        let shownHost = bracketed ? "[\(host)]" : host
        let hostHeader = port == (isTLS ? 443 : 80) ? shownHost : "\(shownHost):\(port)"
        return HTTPEndpoint(isTLS: isTLS, host: host, port: port, hostHeader: hostHeader, path: pieces, query: query)
    }

    private static func parseAuthority(_ authority: Substring, defaultPort: Int) -> (String, Int, Bool)? {
        var hostPart = authority
        var portPart: Substring?
        var bracketed = false
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portPart = after.dropFirst()
            }
            bracketed = true
            guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                hostPart = authority[..<colon]
                portPart = authority[authority.index(after: colon)...]
            }
            guard !hostPart.isEmpty, hostPart.utf8.allSatisfy(PathPart.isNameByte) else { return nil }
        }
        var port = defaultPort
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, let value = Int(portPart), (1...65535).contains(value) else { return nil }
            port = value
        }
        return (String(hostPart), port, bracketed)
    }

    private static func parsePath(_ path: Substring) -> [PathPiece]? {
        var pieces: [PathPiece] = []
        var literal = ""
        var rest = path
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else { return nil }
            literal += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            guard !name.isEmpty, name.utf8.allSatisfy(PathPart.isNameByte) else { return nil }
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
            pieces.append(.parameter(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        guard case .literal(let first)? = pieces.first, first.hasPrefix("/") else { return nil }
        return pieces
    }
}
