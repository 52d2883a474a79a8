#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address (address + port), convertible to and from `sockaddr`.
///
/// This is one of the few files allowed to touch raw pointers: it converts between
/// `sockaddr_storage` and the typed `sockaddr_in`/`sockaddr_in6`. Every conversion is inside
/// a `withUnsafe…` closure with a `// Safe:` note.
package struct SocketAddress: Sendable, Equatable, CustomStringConvertible {
    package enum Storage: Sendable {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    package let storage: Storage

    package init(_ storage: Storage) { self.storage = storage }

    /// Parses a numeric IPv4 (`127.0.0.1`) or IPv6 (`::1`, optionally in brackets) literal.
    /// Returns nil for anything else (host names are resolved by `DNSResolver`).
    package init?(ipLiteral host: String, port: Int) {
        guard port >= 0, port <= 65535 else { return nil }
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = in_port_t(UInt16(port).bigEndian)
            sin.sin_addr = v4
            storage = .v4(sin)
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = in_port_t(UInt16(port).bigEndian)
            sin6.sin6_addr = v6
            storage = .v6(sin6)
            return
        }
        return nil
    }

    /// Builds an address from a `sockaddr_storage` filled in by the kernel; nil for other families.
    package init?(storage raw: sockaddr_storage) {
        var raw = raw
        switch Int32(raw.ss_family) {
        case AF_INET:
            // Safe: the family says the storage holds a sockaddr_in, which is smaller than sockaddr_storage.
            storage = .v4(withUnsafeBytes(of: &raw) { $0.load(as: sockaddr_in.self) })
        case AF_INET6:
            // Safe: as above for sockaddr_in6.
            storage = .v6(withUnsafeBytes(of: &raw) { $0.load(as: sockaddr_in6.self) })
        default:
            return nil
        }
    }

    /// The address family (`AF_INET` or `AF_INET6`).
    package var family: Int32 {
        switch storage {
        case .v4: return AF_INET
        case .v6: return AF_INET6
        }
    }

    /// The port in host byte order.
    package var port: Int {
        switch storage {
        case .v4(let sin): return Int(UInt16(bigEndian: sin.sin_port))
        case .v6(let sin6): return Int(UInt16(bigEndian: sin6.sin6_port))
        }
    }

    /// The same address with another port.
    package func withPort(_ port: Int) -> SocketAddress {
        switch storage {
        case .v4(var sin):
            sin.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            return SocketAddress(.v4(sin))
        case .v6(var sin6):
            sin6.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            return SocketAddress(.v6(sin6))
        }
    }

    /// The numeric host part (`127.0.0.1`, `::1`).
    package var host: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let count = buffer.count
        switch storage {
        case .v4(var sin):
            _ = inet_ntop(AF_INET, &sin.sin_addr, &buffer, socklen_t(count))
        case .v6(var sin6):
            _ = inet_ntop(AF_INET6, &sin6.sin6_addr, &buffer, socklen_t(count))
        }
        // Safe: inet_ntop NUL-terminates within `count` bytes, and the buffer was zero-filled.
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// `host:port`, with brackets around IPv6 hosts.
    package var description: String {
        switch storage {
        case .v4: return "\(host):\(port)"
        case .v6: return "[\(host)]:\(port)"
        }
    }

    /// Calls `body` with a `sockaddr` pointer and its length, for bind/connect.
    package func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(SyscallError) -> R) throws(SyscallError) -> R {
        switch storage {
        case .v4(var sin): return try Self.withSockAddr(of: &sin, body)
        case .v6(var sin6): return try Self.withSockAddr(of: &sin6, body)
        }
    }

    /// Calls `body` with `address` (a `sockaddr_in` or `sockaddr_in6`) seen as a `sockaddr` and its size.
    private static func withSockAddr<Address, R>(
        of address: inout Address, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SyscallError) -> R
    ) throws(SyscallError) -> R {
        // Safe: sockaddr_in and sockaddr_in6 are layout-compatible with sockaddr's prefix; the
        // pointer lives for the closure.
        let result: Result<R, SyscallError> = withUnsafeBytes(of: &address) { raw in
            do throws(SyscallError) {
                return .success(try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<Address>.size)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    package static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        lhs.family == rhs.family && lhs.host == rhs.host && lhs.port == rhs.port
    }
}
