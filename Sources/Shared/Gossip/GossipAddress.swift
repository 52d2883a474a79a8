/// Parses the `HOST:PORT` form used by `--gossip` flags and the snapshot's node list.
///
/// IPv4 and bracketed IPv6 literals (`[::1]:7000`) are converted directly; other hosts are resolved
/// with a blocking `getaddrinfo`, so call `resolve` off the event loops (snapshot application and
/// command-line parsing do). An empty host means 127.0.0.1.
package enum GossipAddress {
    /// Splits `HOST:PORT`; nil when the port is missing or out of range.
    package static func split(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    /// The socket address of `HOST:PORT`, resolving a host name if needed (first address wins).
    package static func resolve(_ text: String) -> SocketAddress? {
        guard let (host, port) = split(text) else { return nil }
        if let literal = SocketAddress(ipLiteral: host, port: port) { return literal }
        guard case .success(let addresses) = Syscall.resolve(host: host, port: port) else { return nil }
        return addresses.first
    }
}
