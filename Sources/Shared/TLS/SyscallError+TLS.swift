#if canImport(Glibc)
import Glibc
#endif

extension SyscallError {
    /// A TLS failure carried through the `Transport` seam, whose operations throw `SyscallError`:
    /// `EPROTO`, with the typed reason's text as the "function" so logs keep it.
    static func tls(_ error: TLSError) -> SyscallError {
        SyscallError(function: error.description, code: EPROTO)
    }
}
