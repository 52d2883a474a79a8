import Synchronization

/// A bound, non-blocking UDP socket: send and receive datagrams, wait for readability.
///
/// Used by the gossip service on its own thread. `send` and `receive` never block; `waitReadable`
/// blocks the calling thread up to a timeout. Sending is safe from any thread; receiving and
/// waiting belong to one thread. `close` is idempotent; calls after it throw `EBADF`.
package final class UDPSocket: Sendable {
    private let descriptor: Atomic<Int32>
    /// The address the socket is bound to (with the port the kernel chose for port 0).
    package let localAddress: SocketAddress

    /// Binds a socket to `address` (port 0 picks a free port).
    package init(bindingTo address: SocketAddress, bufferBytes: Int32 = 1 << 20) throws(SyscallError) {
        let fd = try Syscall.udpSocket(family: address.family)
        do throws(SyscallError) {
            Syscall.setBufferSizes(fd, bytes: bufferBytes)
            try Syscall.bind(fd, to: address)
            localAddress = try Syscall.localAddress(fd) ?? address
        } catch {
            Syscall.close(fd)
            throw error
        }
        descriptor = Atomic(fd)
    }

    deinit { close() }

    /// Sends one datagram; false when the socket buffer is full and the datagram was dropped.
    @discardableResult
    package func send(_ bytes: [UInt8], to address: SocketAddress) throws(SyscallError) -> Bool {
        try Syscall.sendTo(descriptor.load(ordering: .acquiring), bytes, to: address)
    }

    /// Receives one datagram into `buffer` (longer ones are truncated); nil when none is queued.
    package func receive(into buffer: inout [UInt8]) throws(SyscallError) -> (count: Int, sender: SocketAddress?)? {
        let fd = descriptor.load(ordering: .acquiring)
        let result: Result<(count: Int, sender: SocketAddress?)?, SyscallError> = buffer.withUnsafeMutableBytes { raw in
            do throws(SyscallError) { return .success(try Syscall.receiveFrom(fd, into: raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Blocks up to `timeout` until a datagram is queued; true when one is.
    package func waitReadable(timeout: Duration) throws(SyscallError) -> Bool {
        let millis = min(UInt64(Int32.max), (timeout.nanoseconds + 999_999) / 1_000_000)
        return try Syscall.pollReadable(descriptor.load(ordering: .acquiring), timeoutMillis: Int32(millis))
    }

    /// Blocks up to `timeout` until a datagram is queued or `wake` is signalled; says which.
    package func waitReadable(orWoken wake: WakeSignal, timeout: Duration) throws(SyscallError) -> (readable: Bool, woken: Bool) {
        let millis = min(UInt64(Int32.max), (timeout.nanoseconds + 999_999) / 1_000_000)
        return try Syscall.pollReadable(descriptor.load(ordering: .acquiring), wake.fileDescriptor, timeoutMillis: Int32(millis))
    }

    /// Closes the socket (once).
    package func close() {
        let fd = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { Syscall.close(fd) }
    }
}
