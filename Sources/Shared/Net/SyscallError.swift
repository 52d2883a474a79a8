#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call failed and the `errno` it left.
///
/// `Syscall` produces these; callers switch on `kind` for the few outcomes they handle
/// (would block, refused, reset, …) and report the rest. Interrupted calls (`EINTR`) are
/// retried inside `Syscall` and never surface here.
package struct SyscallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name of the call that failed, e.g. `"connect"`.
    package let function: String
    /// The raw `errno` value.
    package let code: Int32

    package init(function: String, code: Int32) {
        self.function = function
        self.code = code
    }

    /// The outcomes callers distinguish; everything else is `.other`.
    package enum Kind: Equatable, Sendable {
        case wouldBlock
        case connectionRefused
        case connectionReset
        case brokenPipe
        case timedOut
        case addressInUse
        case inProgress
        case tooManyFiles
        case other
    }

    package var kind: Kind {
        switch code {
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case ECONNREFUSED: return .connectionRefused
        case ECONNRESET, ECONNABORTED: return .connectionReset
        case EPIPE: return .brokenPipe
        case ETIMEDOUT: return .timedOut
        case EADDRINUSE: return .addressInUse
        case EINPROGRESS: return .inProgress
        case EMFILE, ENFILE: return .tooManyFiles
        default: return .other
        }
    }

    package var description: String {
        let message = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
        return "\(function): \(message) (errno \(code))"
    }
}
