#if canImport(Glibc)
import Glibc
#endif

/// The TLS transport: a `TLSSession` (memory BIOs) driven over a non-blocking socket.
///
/// Implements the `Transport` seam's TLS rules: any operation may wait for readable *or*
/// writable. Ciphertext libssl produced is flushed to the socket before anything else; while it
/// cannot all be sent, operations answer `.wouldBlock(.writable)`. A plaintext write that libssl
/// encrypted but whose records are not all on the wire yet answers `.wouldBlock(.writable)` and
/// remembers how much it took: the shell repeats the write with the same buffer (the seam's rule,
/// and OpenSSL's), which then reports that count once the records are out — so at most one
/// write's records are ever buffered here. Loop-confined; a final class so the `let` the shell
/// keeps needs no exclusivity check.
package final class TLSTransport: Transport {
    package let fd: Int32
    package let session: TLSSession
    /// Ciphertext taken from the session that the socket did not accept yet.
    private var unsent: [UInt8] = []
    private var unsentStart = 0
    /// Plaintext bytes of the current write already encrypted into `unsent`.
    private var acceptedWrite: Int?
    private var closeNotifyQueued = false
    /// The TLS failure behind the last `SyscallError.tls` this transport threw (the seam's errors
    /// are `SyscallError`; the client reads the typed reason from here).
    package private(set) var failure: TLSError?
    /// The largest ciphertext read per socket read (one TLS record plus header).
    static let socketReadSize = 16_709

    package init(fd: Int32, session: TLSSession) {
        self.fd = fd
        self.session = session
    }

    /// Sends pending ciphertext: true once nothing is left.
    private func flush() throws(SyscallError) -> Bool {
        while true {
            if unsentStart == unsent.count {
                unsent.removeAll(keepingCapacity: true)
                unsentStart = 0
                let pending = session.pendingOutput
                if pending == 0 { return true }
                unsent = [UInt8](unsafeUninitializedCapacity: pending) { buffer, count in
                    count = session.takeOutput(into: UnsafeMutableRawBufferPointer(buffer))
                }
                continue
            }
            let start = unsentStart
            let result: Result<Int?, SyscallError> = unsent.withUnsafeBytes { raw in
                do throws(SyscallError) { return .success(try Syscall.write(fd, UnsafeRawBufferPointer(rebasing: raw[start...]))) } catch { return .failure(error) }
            }
            guard let written = try result.get() else { return false }
            unsentStart += written
        }
    }

    /// Reads ciphertext from the socket into the session: nil when the socket has nothing yet,
    /// 0 at end of stream.
    private func fill() throws(SyscallError) -> Int? {
        let result: Result<Int?, SyscallError> = withUnsafeTemporaryAllocation(byteCount: Self.socketReadSize, alignment: 1) { buffer in
            do throws(SyscallError) {
                guard let count = try Syscall.read(fd, into: buffer) else { return .success(nil) }
                session.receive(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                return .success(count)
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Records `error` as `failure` and wraps it for the seam.
    private func failed(_ error: TLSError) -> SyscallError {
        failure = error
        return SyscallError.tls(error)
    }

    package func handshake() throws(SyscallError) -> TransportResult {
        while true {
            let step: TLSSession.Step
            do { step = try session.handshake() } catch { throw failed(error) }
            guard try flush() else { return .wouldBlock(.writable) }
            if case .done = step { return .bytes(0) }
            guard let count = try fill() else { return .wouldBlock(.readable) }
            if count == 0 { throw failed(.unexpectedEOF) }
        }
    }

    /// Decrypts as much as fits in `buffer`: libssl answers one record per `SSL_read`, and records
    /// already taken from the socket sit in the memory BIO where epoll cannot see them, so this
    /// keeps going until the buffer is full or both libssl and the socket have nothing more.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> TransportResult {
        guard try flush() else { return .wouldBlock(.writable) }
        var total = 0
        while total < buffer.count {
            let step: TLSSession.Step
            do { step = try session.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...])) } catch { throw failed(error) }
            // TLS 1.3 reads may produce output (session tickets, key updates): send it when we can.
            _ = try flush()
            if case .done(let count) = step {
                if count == 0 { return .bytes(total) }  // close_notify: end of stream (after what was read)
                total += count
                continue
            }
            guard let count = try fill() else { return total > 0 ? .bytes(total) : .wouldBlock(.readable) }
            if count == 0 { return .bytes(total) }
        }
        return .bytes(total)
    }

    package func write(_ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult {
        if let accepted = acceptedWrite {
            guard try flush() else { return .wouldBlock(.writable) }
            acceptedWrite = nil
            return .bytes(accepted)
        }
        guard try flush() else { return .wouldBlock(.writable) }
        let step: TLSSession.Step
        do { step = try session.write(buffer) } catch { throw failed(error) }
        guard case .done(let count) = step else { return .wouldBlock(.readable) }
        guard try flush() else {
            acceptedWrite = count
            return .wouldBlock(.writable)
        }
        return .bytes(count)
    }

    /// Writes the first non-empty vector (a prefix of the gathered bytes, as the seam allows).
    package func writev(_ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> TransportResult {
        for vector in vectors where vector.iov_len > 0 {
            // Safe: the shell's iovec describes `iov_len` readable bytes for the length of this call.
            return try write(UnsafeRawBufferPointer(start: vector.iov_base, count: vector.iov_len))
        }
        return .bytes(0)
    }

    package func shutdownWrite() throws(SyscallError) -> TransportResult {
        if !closeNotifyQueued {
            closeNotifyQueued = true
            session.shutdown()
        }
        guard try flush() else { return .wouldBlock(.writable) }
        Syscall.shutdownWrite(fd)
        return .bytes(0)
    }

    package func close() {
        Syscall.close(fd)
    }
}
