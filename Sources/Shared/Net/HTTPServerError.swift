/// Why `HTTPServer.start()` failed, as one readable line (`tollgate` prints it as the reason it
/// cannot start).
package enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyStarted
    case cannotResolve(String)
    /// A listener could not take `address` (`HOST:PORT`); `error` is the failed call. `EADDRINUSE`
    /// means another process holds the address (see `Listener` for why sharing is refused).
    case cannotListen(address: String, error: SyscallError)

    /// Whether the address was already taken by another socket.
    package var isAddressInUse: Bool {
        if case .cannotListen(_, let error) = self { return error.kind == .addressInUse }
        return false
    }

    package var description: String {
        switch self {
        case .alreadyStarted: return "server already started"
        case .cannotResolve(let message): return "cannot resolve \(message)"
        case .cannotListen(let address, let error) where error.kind == .addressInUse:
            return "cannot listen on \(address): address already in use (another process is listening there)"
        case .cannotListen(let address, let error): return "cannot listen on \(address): \(error)"
        }
    }
}
