#if canImport(Glibc)
import Glibc
#endif
import CTollgateShim

/// Datagram sockets and `poll`: the calls `UDPSocket` needs, kept beside the other socket
/// wrappers so `Syscall` stays the one place that touches the C socket API.
extension Syscall {
    /// A non-blocking, close-on-exec UDP socket for `family` (`AF_INET`/`AF_INET6`).
    package static func udpSocket(family: Int32) throws(SyscallError) -> Int32 {
        let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return try retrying("socket") { socket(family, type, 0) }
    }

    /// Asks for `bytes` of receive and send buffer (best effort: the kernel caps both at
    /// `net.core.rmem_max`/`wmem_max`).
    package static func setBufferSizes(_ fd: Int32, bytes: Int32) {
        try? setOption(fd, level: SOL_SOCKET, name: SO_RCVBUF, value: bytes)
        try? setOption(fd, level: SOL_SOCKET, name: SO_SNDBUF, value: bytes)
    }

    /// Sends one datagram of `bytes` to `address`. Returns false when the socket buffer is full
    /// (the datagram is dropped, as UDP would drop it on the way).
    package static func sendTo(_ fd: Int32, _ bytes: [UInt8], to address: SocketAddress) throws(SyscallError) -> Bool {
        do throws(SyscallError) {
            _ = try address.withSockAddr { (pointer, length) throws(SyscallError) in
                let result: Result<Int, SyscallError> = bytes.withUnsafeBytes { buffer in
                    // Safe: `buffer` and `pointer` are live for the call; the lengths are theirs.
                    do throws(SyscallError) {
                        return .success(try retrying("sendto") {
                            sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), pointer, length)
                        })
                    } catch {
                        return .failure(error)
                    }
                }
                return try result.get()
            }
            return true
        } catch where error.kind == .wouldBlock {
            return false
        }
    }

    /// Receives one datagram into `buffer`. Returns its length (truncated to the buffer) and the
    /// sender, or nil when none is queued.
    package static func receiveFrom(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> (count: Int, sender: SocketAddress?)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        do throws(SyscallError) {
            let count = try withUnsafeMutableBytes(of: &storage) { raw throws(SyscallError) in
                // Safe: the storage is sockaddr_storage-sized and `length` says so; `buffer` is the caller's, live for the call.
                try retrying("recvfrom") {
                    recvfrom(fd, buffer.baseAddress, buffer.count, 0, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
                }
            }
            return (count, SocketAddress(storage: storage))
        } catch where error.kind == .wouldBlock {
            return nil
        }
    }

    /// Waits up to `timeoutMillis` (−1: forever) for `fd` to become readable; true when it is.
    package static func pollReadable(_ fd: Int32, timeoutMillis: Int32) throws(SyscallError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = try retrying("poll") { poll(&entry, 1, timeoutMillis) }
        return ready > 0 && entry.revents != 0
    }

    /// Waits up to `timeoutMillis` until `first` or `second` is readable; says which are.
    package static func pollReadable(_ first: Int32, _ second: Int32, timeoutMillis: Int32) throws(SyscallError) -> (Bool, Bool) {
        var entries = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        // Safe: `entries` holds the two pollfd records poll reads and writes.
        let ready = try retrying("poll") { poll(&entries, 2, timeoutMillis) }
        return ready > 0 ? (entries[0].revents != 0, entries[1].revents != 0) : (false, false)
    }
}
