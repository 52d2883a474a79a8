#if canImport(Glibc)
import Glibc
#endif

/// The TLS transport: a `TLSSession` (memory BIOs) driven over a non-blocking socket.
///
/// Implements the `Transport` seam's TLS rules: any operation may wait for readable *or*
/// writable. Ciphertext libssl produced is flushed to the socket before anything else; while it
/// cannot all be sent, operations answer `.wouldBlock(.writable)`. A plaintext write that libssl
/// encrypted but whose records are not all on the wire yet answers `.wouldBlock(.writable)` and
/// remembers how much it took: the shell repeats the write with the same bytes (the seam's rule,
/// and OpenSSL's), which then reports that count once the records are out — so at most one
/// write's records are ever buffered here, and one write encrypts at most `maxWritePlaintext`.
///
/// `writev` gathers small pieces (a response head, a small body, pipelined answers) into one
/// record's worth of plaintext, so they cost one `SSL_write`, one record and one socket write
/// instead of one each; a first piece of a record or more is encrypted in place, not copied.
/// The gather buffer and the ciphertext buffer are kept across writes (no allocation per write).
/// Loop-confined; a final class so the `let` the shell keeps needs no exclusivity check.
package final class TLSTransport: Transport {
    package let fd: Int32
    package let session: TLSSession
    /// Ciphertext taken from the session that the socket did not accept yet:
    /// `unsent[unsentStart..<unsentEnd]`. Grows to the largest flight seen, then is reused.
    private var unsent: [UInt8] = []
    private var unsentStart = 0
    private var unsentEnd = 0
    /// Plaintext bytes of the current write already encrypted into `unsent`.
    private var acceptedWrite: Int?
    /// The small pieces of one `writev`, copied together (`recordPlaintext` bytes once first used).
    private var gathered: [UInt8] = []
    private var closeNotifyQueued = false
    /// The TLS failure behind the last `SyscallError.tls` this transport threw (the seam's errors
    /// are `SyscallError`; the client reads the typed reason from here).
    package private(set) var failure: TLSError?
    /// The largest ciphertext read per socket read (one TLS record plus header).
    static let socketReadSize = 16_709
    /// The plaintext of one full TLS record: the most a `writev` gathers into one `SSL_write`.
    static let recordPlaintext = 16_384
    /// The most plaintext one write encrypts (four records): a large body goes out in steps of
    /// this size, so the ciphertext held here stays bounded whatever the shell hands over.
    static let maxWritePlaintext = 4 * recordPlaintext
    /// The smallest ciphertext buffer allocated (a handshake flight or a few small records fit).
    static let minimumUnsentCapacity = 4_096

    package init(fd: Int32, session: TLSSession) {
        self.fd = fd
        self.session = session
    }

    /// Sends pending ciphertext: true once nothing is left.
    private func flush() throws(SyscallError) -> Bool {
        while true {
            if unsentStart == unsentEnd {
                unsentStart = 0
                unsentEnd = 0
                let pending = session.pendingOutput
                if pending == 0 { return true }
                if unsent.count < pending {
                    unsent = [UInt8](repeating: 0, count: max(pending, Self.minimumUnsentCapacity))
                }
                let taken = unsent.withUnsafeMutableBytes { raw in
                    session.takeOutput(into: UnsafeMutableRawBufferPointer(rebasing: raw[..<pending]))
                }
                // libssl reported pending bytes it did not hand over: nothing to send after all.
                guard taken > 0 else { return true }
                unsentEnd = taken
            }
            let (start, end) = (unsentStart, unsentEnd)
            let result: Result<Int?, SyscallError> = unsent.withUnsafeBytes { raw in
                do throws(SyscallError) { return .success(try Syscall.write(fd, UnsafeRawBufferPointer(rebasing: raw[start..<end]))) } catch { return .failure(error) }
            }
            guard let written = try result.get() else { return false }
            unsentStart += written
        }
    }

    /// Reads ciphertext from the socket into the session: nil when the socket has nothing yet,
    /// 0 at end of stream. `staging` holds the bytes until libssl has copied them.
    private func fill(through staging: UnsafeMutableRawBufferPointer) throws(SyscallError) -> Int? {
        guard let count = try Syscall.read(fd, into: staging) else { return nil }
        session.receive(UnsafeRawBufferPointer(rebasing: staging[..<count]))
        return count
    }

    /// `fill(through:)` with a temporary staging buffer (the handshake has no caller's buffer).
    private func fill() throws(SyscallError) -> Int? {
        let result: Result<Int?, SyscallError> = withUnsafeTemporaryAllocation(byteCount: Self.socketReadSize, alignment: 1) { staging in
            do throws(SyscallError) { return .success(try fill(through: staging)) } catch { return .failure(error) }
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
    /// Ciphertext is read through the unused rest of `buffer` (libssl copies it before it
    /// decrypts there), at most `socketReadSize` bytes at a time; a socket read shorter than
    /// asked emptied the socket, so the socket is not asked again only to answer "nothing yet".
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> TransportResult {
        guard try flush() else { return .wouldBlock(.writable) }
        var total = 0
        var socketDrained = false
        while total < buffer.count {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[total...])
            let step: TLSSession.Step
            do { step = try session.read(into: rest) } catch { throw failed(error) }
            // TLS 1.3 reads may produce output (session tickets, key updates): send it when we can.
            _ = try flush()
            if case .done(let count) = step {
                if count == 0 { return .bytes(total) }  // close_notify: end of stream (after what was read)
                total += count
                continue
            }
            if socketDrained { break }
            let staging = UnsafeMutableRawBufferPointer(rebasing: rest.prefix(Self.socketReadSize))
            guard let count = try fill(through: staging) else { break }
            if count == 0 { return .bytes(total) }
            socketDrained = count < staging.count
        }
        return total > 0 || total == buffer.count ? .bytes(total) : .wouldBlock(.readable)
    }

    package func write(_ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult {
        if let accepted = acceptedWrite { return try finishAccepted(accepted) }
        guard try flush() else { return .wouldBlock(.writable) }
        return try encrypt(UnsafeRawBufferPointer(rebasing: buffer.prefix(Self.maxWritePlaintext)))
    }

    /// Writes a prefix of the gathered `vectors`: up to `recordPlaintext` bytes of small pieces
    /// copied together into one `SSL_write` (one record), or a large first piece (or a lone one)
    /// encrypted in place. A repeat after `.wouldBlock(.writable)` gathers nothing: it reports
    /// the count already encrypted once those records are out, as `write` does.
    package func writev(_ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> TransportResult {
        if let accepted = acceptedWrite { return try finishAccepted(accepted) }
        guard let first = vectors.firstIndex(where: { $0.iov_len > 0 }) else { return .bytes(0) }
        guard try flush() else { return .wouldBlock(.writable) }
        let head = vectors[first]
        let hasMore = vectors[(first + 1)...].contains { $0.iov_len > 0 }
        if !hasMore || head.iov_len >= Self.recordPlaintext {
            // Safe: the shell's iovec describes `iov_len` readable bytes for the length of this call.
            return try encrypt(UnsafeRawBufferPointer(start: head.iov_base, count: min(head.iov_len, Self.maxWritePlaintext)))
        }
        if gathered.isEmpty { gathered = [UInt8](repeating: 0, count: Self.recordPlaintext) }
        let result: Result<TransportResult, SyscallError> = gathered.withUnsafeMutableBytes { buffer in
            var filled = 0
            for vector in vectors[first...] where vector.iov_len > 0 {
                let count = min(vector.iov_len, buffer.count - filled)
                // Safe: `filled + count` ≤ buffer.count; the iovec describes `iov_len` ≥ `count`
                // readable bytes for the length of this call, which do not overlap our buffer.
                (buffer.baseAddress! + filled).copyMemory(from: vector.iov_base!, byteCount: count)
                filled += count
                if filled == buffer.count { break }
            }
            do throws(SyscallError) { return .success(try encrypt(UnsafeRawBufferPointer(rebasing: buffer[..<filled]))) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// One `SSL_write` of all of `plaintext` (a memory BIO takes every record), then its records
    /// to the socket: `.bytes(n)` once they are out, else `.wouldBlock(.writable)` with `n`
    /// remembered for the repeat. The bytes need not outlive the call: libssl has encrypted them.
    private func encrypt(_ plaintext: UnsafeRawBufferPointer) throws(SyscallError) -> TransportResult {
        let step: TLSSession.Step
        do { step = try session.write(plaintext) } catch { throw failed(error) }
        guard case .done(let count) = step else { return .wouldBlock(.readable) }
        guard try flush() else {
            acceptedWrite = count
            return .wouldBlock(.writable)
        }
        return .bytes(count)
    }

    /// The repeat of a write whose records were not all sent: its count once they are.
    private func finishAccepted(_ accepted: Int) throws(SyscallError) -> TransportResult {
        guard try flush() else { return .wouldBlock(.writable) }
        acceptedWrite = nil
        return .bytes(accepted)
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
