#if canImport(Glibc)
import Glibc
#endif

/// Bytes waiting to be written to one socket, sent with one `write`/`writev` per flush.
///
/// Small pieces (response heads, small bodies) are copied into an owned coalescing buffer so a
/// batch of pipelined responses usually goes out as one contiguous write; large bodies are queued
/// as-is without copying. Drained owned buffers are recycled, so a keep-alive connection in
/// steady state allocates nothing here. Value type, confined to its connection's loop.
package struct OutboundQueue {
    /// Pieces at least this large are queued by reference instead of copied.
    static let copyThreshold = 16 * 1024
    /// The largest owned buffer kept for reuse.
    static let maxRecycledCapacity = 256 * 1024
    /// The most iovecs passed to one `writev`.
    static let maxVectors = 16

    private struct Chunk {
        var bytes: [UInt8]
        var owned: Bool
    }

    private var chunks: [Chunk] = []
    private var head = 0
    private var offset = 0
    private var spare: [UInt8] = []
    /// Bytes queued and not yet written.
    package private(set) var count = 0

    package init() {}

    /// Bytes this queue keeps alive: what is unsent, plus the sent prefix of a body it holds by
    /// reference, whose array is freed only once all of it is sent.
    package var retainedCount: Int {
        count > 0 && !chunks[head].owned ? count + offset : count
    }

    package var isEmpty: Bool { count == 0 }

    /// Queues `bytes` after everything already queued.
    package mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if bytes.count >= Self.copyThreshold {
            chunks.append(Chunk(bytes: bytes, owned: false))
            count += bytes.count
        } else {
            appendInPlace { $0.append(contentsOf: bytes) }
        }
    }

    /// Queues bytes produced by `writer`, which appends to an owned buffer (no intermediate array).
    package mutating func appendInPlace(_ writer: (inout [UInt8]) -> Void) {
        if let last = chunks.indices.last, chunks[last].owned, chunks[last].bytes.count < Self.copyThreshold {
            let before = chunks[last].bytes.count
            writer(&chunks[last].bytes)
            count += chunks[last].bytes.count - before
            return
        }
        var buffer = spare
        spare = []
        buffer.removeAll(keepingCapacity: true)
        writer(&buffer)
        guard !buffer.isEmpty else {
            spare = buffer
            return
        }
        count += buffer.count
        chunks.append(Chunk(bytes: buffer, owned: true))
    }

    /// Marks `written` bytes as sent, recycling drained owned buffers.
    package mutating func consume(_ written: Int) {
        var remaining = written
        precondition(remaining <= count, "consumed more than queued")
        count -= remaining
        while remaining > 0 {
            let available = chunks[head].bytes.count - offset
            if remaining < available {
                offset += remaining
                return
            }
            remaining -= available
            recycleHead()
        }
        while head < chunks.count, chunks[head].bytes.count == offset { recycleHead() }
    }

    private mutating func recycleHead() {
        if chunks[head].owned, spare.capacity == 0, chunks[head].bytes.capacity <= Self.maxRecycledCapacity {
            spare = chunks[head].bytes
            spare.removeAll(keepingCapacity: true)
        }
        chunks[head].bytes = []
        head += 1
        offset = 0
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    /// Writes as much as `transport` takes in one `write`/`writev`, consuming what was sent.
    /// Returns `.bytes(count)` written (0 when nothing is queued) or what the transport waits for.
    package mutating func write<T: Transport>(to transport: T) throws(SyscallError) -> TransportResult {
        guard count > 0 else { return .bytes(0) }
        let pieces = min(chunks.count - head, Self.maxVectors)
        let written: TransportResult
        if pieces == 1 {
            let start = offset
            let result: Result<TransportResult, SyscallError> = chunks[head].bytes.withUnsafeBytes { raw in
                // Safe: `start` < raw.count (a drained chunk is recycled at once); the view lives for the call.
                do throws(SyscallError) { return .success(try transport.write(UnsafeRawBufferPointer(rebasing: raw[start...]))) } catch { return .failure(error) }
            }
            written = try result.get()
        } else {
            written = try withUnsafeTemporaryAllocation(of: iovec.self, capacity: pieces) { vectors throws(SyscallError) in
                try gather(pieces, into: vectors, index: 0) { () throws(SyscallError) in
                    // Safe: `gather` filled all `pieces` vectors with pointers that stay valid in this closure.
                    try transport.writev(UnsafeBufferPointer(vectors))
                }
            }
        }
        if case .bytes(let count) = written { consume(count) }
        return written
    }

    /// Writes until the queue is empty or `transport` would block, recording each outcome in
    /// `waits` (what a blocked write waits for). The connection shells' one flush loop.
    mutating func drain<T: Transport>(to transport: T, noting waits: inout TransportWaits) throws(SyscallError) {
        while count > 0 {
            let result = try write(to: transport)
            waits.noteWrite(result)
            if case .wouldBlock = result { return }
        }
    }

    /// Writes straight to a plain socket `fd`: the byte count, or nil when its buffer is full.
    package mutating func write(to fd: Int32) throws(SyscallError) -> Int? {
        guard case .bytes(let count) = try write(to: PlainTransport(fd: fd)) else { return nil }
        return count
    }

    /// Fills `vectors[index...]` by nesting `withUnsafeBytes` calls, so every pointer is valid when `body` runs.
    private func gather<R>(
        _ pieces: Int, into vectors: UnsafeMutableBufferPointer<iovec>, index: Int,
        _ body: () throws(SyscallError) -> R
    ) throws(SyscallError) -> R {
        if index == pieces { return try body() }
        let start = index == 0 ? offset : 0
        let result: Result<R, SyscallError> = chunks[head + index].bytes.withUnsafeBytes { raw in
            // Safe: `start` ≤ raw.count; the base pointer is valid until this closure returns, which
            // is after `body` (called from the innermost level) has finished with it.
            vectors[index] = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + start), iov_len: raw.count - start)
            do throws(SyscallError) { return .success(try gather(pieces, into: vectors, index: index + 1, body)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Copies every queued byte out (tests and diagnostics only).
    package var pendingBytes: [UInt8] {
        var out: [UInt8] = []
        for i in head..<chunks.count {
            out.append(contentsOf: i == head ? chunks[i].bytes[offset...] : chunks[i].bytes[...])
        }
        return out
    }

    /// Drops everything queued (the connection is closing).
    package mutating func removeAll() {
        chunks.removeAll()
        head = 0
        offset = 0
        count = 0
    }
}
