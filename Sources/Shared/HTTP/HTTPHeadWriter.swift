/// Writes one message head into a buffer sized for it beforehand, then hands it to the caller's
/// array in one copy (`HTTPSerializer`'s heads).
///
/// Appending a field to a `[UInt8]` piece by piece paid the array's uniqueness and capacity
/// checks and the generic `append(contentsOf:)` path four times per field: writing a proxied
/// request's head and its response's head cost ~9,300 instructions (13 fields), ~10,200 of the
/// ~75,000 a proxied request took (bench/instructions.sh, issue 11 fifth pass). Through this
/// writer the same two heads cost the figure `docs/performance.md` gives for that pass.
///
/// Every write checks the room left (`precondition`): the bound is computed from the same fields,
/// so running out is a serializer bug, which stops the process rather than writing past the buffer.
struct HTTPHeadWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        // Safe: `append(to:bound:_:)` allocates at least one byte, so the base address exists.
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Runs `body` with a writer over `bound` bytes (on the stack when the size allows, the usual
    /// case for a head) and appends what it wrote to `out`.
    static func append(to out: inout [UInt8], bound: Int, _ body: (inout HTTPHeadWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bound, 1)) { buffer in
            var writer = HTTPHeadWriter(buffer)
            body(&writer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<writer.count]))
        }
    }

    mutating func byte(_ value: UInt8) {
        precondition(count < capacity, "head longer than its bound")
        base[count] = value
        count &+= 1
    }

    mutating func pair(_ first: UInt8, _ second: UInt8) {
        precondition(capacity &- count >= 2, "head longer than its bound")
        base[count] = first
        base[count &+ 1] = second
        count &+= 2
    }

    mutating func crlf() { pair(0x0D, 0x0A) }

    mutating func bytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        precondition(capacity &- count >= source.count, "head longer than its bound")
        (base + count).update(from: start, count: source.count)
        count &+= source.count
    }

    mutating func literal(_ text: StaticString) {
        // Safe: a StaticString built from a literal is UTF-8 with utf8CodeUnitCount bytes at utf8Start.
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 of `text`, in one copy when it is contiguous (every native String).
    mutating func string(_ text: String) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes($0) } != nil
        if !copied {
            for value in text.utf8 { byte(value) }
        }
    }

    /// A non-negative integer in decimal.
    mutating func decimal(_ value: Int) {
        precondition(value >= 0, "lengths are never negative")
        var length = 1
        var scale = value
        while scale >= 10 {
            scale /= 10
            length &+= 1
        }
        precondition(capacity &- count >= length, "head longer than its bound")
        var rest = value
        var at = count &+ length
        repeat {
            at &-= 1
            base[at] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        count &+= length
    }
}
