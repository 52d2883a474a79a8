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

    /// The path as the administrator wrote it, each placeholder standing as `_` (`/base/_` for
    /// `/base/{proxy}`): tells a dot segment of their own from one a request value formed.
    package var templatePath: String {
        path.reduce(into: "") { text, piece in
            switch piece {
            case .literal(let literal): text += literal
            case .parameter: text += "_"
            }
        }
    }

    /// Parses `http[s]://host[:port][/path][?query]`; nil for anything else (user info, bad port,
    /// empty host, spaces, unbalanced braces). A fragment is dropped. Works on UTF-8 bytes.
    package static func parse(_ uri: String) -> HTTPEndpoint? {
        var rest = uri[...]
        let isTLS: Bool
        if ASCIISearch.hasPrefixIgnoringCase(rest, "https://") {
            isTLS = true
            rest = rest.dropFirst(8)
        } else if ASCIISearch.hasPrefixIgnoringCase(rest, "http://") {
            isTLS = false
            rest = rest.dropFirst(7)
        } else {
            return nil
        }
        let utf8 = rest.utf8
        if let hash = utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        guard !rest.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return nil }
        let authorityEnd = rest.utf8.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.utf8.contains(UInt8(ascii: "@")),
              let (host, port, bracketed) = parseAuthority(authority, defaultPort: isTLS ? 443 : 80) else {
            return nil
        }
        var pathAndQuery = rest[authorityEnd...]
        var query: String?
        if let q = pathAndQuery.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(pathAndQuery[pathAndQuery.utf8.index(after: q)...])
            pathAndQuery = pathAndQuery[..<q]
        }
        guard let pieces = parsePath(pathAndQuery.isEmpty ? "/" : pathAndQuery) else { return nil }
        let shownHost = bracketed ? "[\(host)]" : host
        let hostHeader = port == (isTLS ? 443 : 80) ? shownHost : "\(shownHost):\(port)"
        return HTTPEndpoint(isTLS: isTLS, host: host, port: port, hostHeader: hostHeader, path: pieces, query: query)
    }

    private static func parseAuthority(_ authority: Substring, defaultPort: Int) -> (String, Int, Bool)? {
        let utf8 = authority.utf8
        var hostPart = authority
        var portPart: Substring?
        var bracketed = false
        if utf8.first == UInt8(ascii: "[") {
            guard let close = utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostPart = authority[utf8.index(after: utf8.startIndex)..<close]
            let after = authority[utf8.index(after: close)...]
            if !after.isEmpty {
                guard after.utf8.first == UInt8(ascii: ":") else { return nil }
                portPart = after.dropFirst()
            }
            bracketed = true
            guard !hostPart.isEmpty, hostPart.utf8.allSatisfy({ Hex.value(of: $0) != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                return nil
            }
        } else {
            if let colon = utf8.firstIndex(of: UInt8(ascii: ":")) {
                hostPart = authority[..<colon]
                portPart = authority[utf8.index(after: colon)...]
            }
            guard !hostPart.isEmpty, hostPart.utf8.allSatisfy(PathPart.isNameByte) else { return nil }
        }
        var port = defaultPort
        if let portPart {
            guard !portPart.isEmpty, portPart.utf8.count <= 5, let value = Int(portPart), (1...65535).contains(value) else { return nil }
            port = value
        }
        return (String(hostPart), port, bracketed)
    }

    private static func parsePath(_ path: Substring) -> [PathPiece]? {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }
        guard path.utf8.contains(open) || path.utf8.contains(close) else { return [.literal(String(path))] }
        var pieces: [PathPiece] = []
        var rest = path
        while let brace = rest.utf8.firstIndex(where: { $0 == open || $0 == close }) {
            guard rest.utf8[brace] == open, let end = rest.utf8[brace...].firstIndex(of: close) else { return nil }
            let name = rest[rest.utf8.index(after: brace)..<end]
            guard !name.isEmpty, name.utf8.allSatisfy(PathPart.isNameByte) else { return nil }
            if brace > rest.startIndex { pieces.append(.literal(String(rest[..<brace]))) }
            pieces.append(.parameter(String(name)))
            rest = rest[rest.utf8.index(after: end)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }
}
