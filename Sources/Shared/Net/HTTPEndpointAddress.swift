/// `http://HOST[:PORT]` as given on command lines (`--control-plane`, `--lambda-endpoint`).
///
/// Only plain HTTP: Tollgate's own components talk over loopback or a private network; put a TLS
/// terminator in front otherwise. A path after the authority is kept as `basePath` (no trailing `/`).
package struct HTTPEndpointAddress: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int
    package var basePath: String

    package init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http://host:port[/base]`; nil when it is not that shape.
    package init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        var rest = Substring(text.dropFirst(7))
        var basePath = ""
        if let slash = rest.firstIndex(of: "/") {
            basePath = String(rest[slash...])
            while basePath.hasSuffix("/") { basePath.removeLast() }
            rest = rest[..<slash]
        }
        var host = String(rest)
        var port = 80
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
        self.init(host: host, port: port, basePath: basePath)
    }

    /// The value for a `Host` header.
    package var hostHeader: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? shownHost : "\(shownHost):\(port)"
    }

    package var description: String { "http://\(hostHeader)\(basePath)" }
}
