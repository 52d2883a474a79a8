import Dispatch

/// Resolves host names with `getaddrinfo` on Dispatch worker threads, never on an event loop.
///
/// IP literals are answered synchronously without a lookup. Results are not cached: the client
/// resolves only when it opens a new connection, and keep-alive pools make that rare.
enum DNSResolver {
    private static let queue = DispatchQueue(label: "tollgate.dns", qos: .userInitiated, attributes: .concurrent)

    /// Calls `completion` (on a Dispatch thread, or inline for literals) with the addresses of `host`.
    static func resolve(host: String, port: Int, completion: @escaping @Sendable (Result<[SocketAddress], HTTPClientError>) -> Void) {
        if let literal = SocketAddress(ipLiteral: host, port: port) {
            completion(.success([literal]))
            return
        }
        queue.async {
            switch Syscall.resolve(host: host, port: port) {
            case .success(let addresses): completion(.success(addresses))
            case .failure(let error): completion(.failure(.dnsFailure(error.message)))
            }
        }
    }
}
