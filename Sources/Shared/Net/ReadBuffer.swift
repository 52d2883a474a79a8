#if canImport(Glibc)
import Glibc
#endif

/// One reusable receive buffer per event loop: every connection on the loop reads into it.
///
/// Bytes read are handed straight to a parser (which copies what it keeps), so the buffer is
/// free again once the read callback returns. Confined to its loop thread.
final class ReadBuffer {
    private let storage: UnsafeMutableRawBufferPointer

    init(capacity: Int = 64 * 1024) {
        // Safe: freed in deinit; all access goes through the bounds-carrying buffer pointer.
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    var capacity: Int { storage.count }

    /// Reads once through `transport` and calls `body` with the bytes read.
    /// Returns `.bytes(count)` (0 = end of stream) or what the transport waits for.
    @inline(__always)
    func read<T: Transport>(from transport: T, _ body: (UnsafeRawBufferPointer) -> Void) throws(SyscallError) -> TransportResult {
        let result = try transport.read(into: storage)
        if case .bytes(let count) = result, count > 0 {
            // Safe: the transport wrote `count` ≤ capacity bytes; the view does not outlive `body`.
            body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
        }
        return result
    }
}
