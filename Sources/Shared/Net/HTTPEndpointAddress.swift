/// `http://HOST[:PORT]` or `https://HOST[:PORT]` as given on command lines (`--control-plane`).
///
/// `https` (issue 15): the client handshakes TLS first and verifies the peer's certificate chain
/// and host name (`HTTPClientRequest.isTLS`), against the system store plus the command's
/// `--ca-file`. A path after the authority is kept as `basePath` (no trailing `/`).
package struct HTTPEndpointAddress: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int
    package var basePath: String
    /// The scheme is `https`: calls handshake TLS and verify the control plane's certificate.
    package var isTLS: Bool

    package init(host: String, port: Int, basePath: String = "", isTLS: Bool = false) {
        self.host = host
        self.port = port
        self.basePath = basePath
        self.isTLS = isTLS
    }

    /// Parses `http://host[:port][/base]` (port 80 by default) or `https://…` (443); nil when it is
    /// not that shape.
    package init?(_ text: String) {
        let isTLS: Bool
        if text.hasPrefix("http://") {
            isTLS = false
        } else if text.hasPrefix("https://") {
            isTLS = true
        } else {
            return nil
        }
        var rest = Substring(text.dropFirst(isTLS ? 8 : 7))
        var basePath = ""
        if let slash = rest.firstIndex(of: "/") {
            basePath = String(rest[slash...])
            while basePath.hasSuffix("/") { basePath.removeLast() }
            rest = rest[..<slash]
        }
        var host = String(rest)
        var port = isTLS ? 443 : 80
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()), (1...65535).contains(parsed) else { return nil }
                port = parsed
            } else if !after.isEmpty { return nil }
        } else if let colon = rest.lastIndex(of: ":") {
            guard let parsed = Int(rest[rest.index(after: colon)...]), (1...65535).contains(parsed) else { return nil }
            port = parsed
            host = String(rest[..<colon])
        }
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port, basePath: basePath, isTLS: isTLS)
    }

    /// The value for a `Host` header.
    package var hostHeader: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? shownHost : "\(shownHost):\(port)"
    }

    package var description: String { "\(isTLS ? "https" : "http")://\(hostHeader)\(basePath)" }
}
