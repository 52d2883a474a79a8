/// The bytes a parser has received and not yet consumed.
///
/// One contiguous `[UInt8]` with a read index. Consuming only moves the index; the consumed
/// prefix is dropped on the next `append`, and only when it is at least as long as what remains,
/// so each byte is moved at most once on average (amortised O(1) per byte, no shift per call).
/// The search for the end of a line resumes where the last search stopped, so feeding a head one
/// byte at a time costs O(n), not O(n²).
///
/// Body slices handed out by `take(_:)` share this storage: a caller that keeps one across the
/// next `append` makes that append copy the buffer (copy-on-write), which is correct but slower.
struct HTTPParseBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Index of the first unconsumed byte.
    private(set) var readIndex = 0
    /// Index from which the search for the next LF continues (≥ readIndex).
    private var scanIndex = 0

    /// Capacity kept across resets; a buffer that grew past it (a large pipelined burst) is freed.
    private static let retainedCapacity = 64 * 1024

    /// Unconsumed bytes. After `nextLine()` returned nil this is the length of the unterminated line.
    var readableCount: Int { bytes.count - readIndex }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard !raw.isEmpty else { return }
        compact()
        raw.withMemoryRebound(to: UInt8.self) { bytes.append(contentsOf: $0) }
    }

    mutating func append(contentsOf sequence: some Sequence<UInt8>) {
        compact()
        bytes.append(contentsOf: sequence)
    }

    private mutating func compact() {
        guard readIndex > 0 else { return }
        let remaining = bytes.count - readIndex
        if remaining == 0 {
            bytes.removeAll(keepingCapacity: bytes.capacity <= Self.retainedCapacity)
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= remaining {
            bytes.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    /// Finds the next line terminated by CRLF, consumes it and returns the range of its content
    /// (CRLF excluded) in `bytes`. Nil when no LF has arrived yet. Throws `.bareLineFeed` for an
    /// LF that is not preceded by CR.
    mutating func nextLine() throws(HTTPParseError) -> Range<Int>? {
        let start = readIndex
        let from = scanIndex
        let lineFeed: Int? = bytes.withUnsafeBufferPointer { buffer in
            var i = from
            while i < buffer.count {
                // Safe: from ≤ i < buffer.count.
                if buffer[i] == HTTPSyntax.lf { return i }
                i += 1
            }
            return nil
        }
        guard let lineFeed else {
            scanIndex = bytes.count
            return nil
        }
        guard lineFeed > start, bytes[lineFeed - 1] == HTTPSyntax.cr else { throw .bareLineFeed }
        readIndex = lineFeed + 1
        scanIndex = readIndex
        return start..<(lineFeed - 1)
    }

    /// Calls `body` with the bytes in `range` (a range previously returned by `nextLine()`).
    @inline(__always)
    func withBytes<R>(
        _ range: Range<Int>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> R
    ) throws(HTTPParseError) -> R {
        try bytes.withUnsafeBufferPointer { (buffer) throws(HTTPParseError) -> R in
            // Safe: ranges come from nextLine(), which only returns ranges inside `bytes`, and
            // bytes before readIndex are never removed until the next append.
            try body(UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    /// The unconsumed byte at `offset` from the read index; the caller checks `readableCount`.
    func peek(_ offset: Int) -> UInt8 {
        bytes[readIndex + offset]
    }

    /// Consumes `count` bytes (≤ readableCount).
    mutating func consume(_ count: Int) {
        readIndex += count
        if scanIndex < readIndex { scanIndex = readIndex }
    }

    /// Consumes and returns the next `count` bytes (≤ readableCount) without copying them.
    mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        let slice = bytes[readIndex..<(readIndex + count)]
        consume(count)
        return slice
    }
}
