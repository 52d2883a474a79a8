/// Borrowing the bytes of any `Collection<UInt8>` as one contiguous buffer for a libcrypto call.
///
/// Arrays, slices and `String.UTF8View` lend their storage directly; other collections are copied
/// once. The pointer handed to `body` is never nil, even for an empty collection, because several
/// libcrypto entry points read a NULL key or message as "not supplied" rather than "empty".
enum ByteAccess {
    static func withBytes<Bytes: Collection<UInt8>, Result>(
        _ bytes: Bytes, _ body: (UnsafePointer<UInt8>, Int) -> Result
    ) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable({ buffer -> Result in
            withNonNilBase(buffer, body)
        }) {
            return result
        }
        let copy = Array(bytes)
        return copy.withUnsafeBufferPointer { withNonNilBase($0, body) }
    }

    private static func withNonNilBase<Result>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>, Int) -> Result
    ) -> Result {
        if let base = buffer.baseAddress { return body(base, buffer.count) }
        // Safe: an empty buffer may have no base address; lend a one-byte stack value with count 0,
        // so the callee gets a valid pointer it will not read from.
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { body($0, 0) }
    }
}
