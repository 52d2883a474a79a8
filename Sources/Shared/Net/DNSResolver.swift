import Dispatch

/// Resolves host names on Dispatch worker threads, never on an event loop.
///
/// IP literals are answered synchronously without a lookup. Results are not cached: the client
/// resolves only when it opens a new connection, and keep-alive pools make that rare.
package enum DNSResolver {
    private static let queue = DispatchQueue(label: "tollgate.dns", qos: .userInitiated, attributes: .concurrent)

    /// Calls `completion` (on a Dispatch thread, or inline for literals) with the addresses of
    /// `host`, as `lookUp` (blocking) finds them.
    static func resolve(host: String, port: Int, using lookUp: @escaping @Sendable (String, Int) -> Result<[SocketAddress], HTTPClientError>,
                        completion: @escaping @Sendable (Result<[SocketAddress], HTTPClientError>) -> Void) {
        if let literal = SocketAddress(ipLiteral: host, port: port) {
            completion(.success([literal]))
            return
        }
        queue.async { completion(lookUp(host, port)) }
    }

    /// `getaddrinfo`, blocking: the addresses of `host` in the system's preferred order.
    @Sendable package static func lookUp(host: String, port: Int) -> Result<[SocketAddress], HTTPClientError> {
        switch Syscall.resolve(host: host, port: port) {
        case .success(let addresses) where !addresses.isEmpty: return .success(addresses)
        case .success: return .failure(.dnsFailure("no addresses for \(host)"))
        case .failure(let error): return .failure(.dnsFailure(error.message))
        }
    }
}
