/// Reads the primitives `WireWriter` writes, with bounds checks on every step.
///
/// Every failure is a typed `LimitsCodecError`; no input can make it trap or over-allocate.
package struct WireReader: Sendable {
    private let bytes: [UInt8]
    package private(set) var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package var remaining: Int { bytes.count - offset }

    package func requireEnd() throws(LimitsCodecError) {
        if remaining != 0 { throw .trailingBytes(remaining) }
    }

    package mutating func u8() throws(LimitsCodecError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func u32() throws(LimitsCodecError) -> UInt32 { try littleEndian() }

    package mutating func u64() throws(LimitsCodecError) -> UInt64 { try littleEndian() }

    /// A fixed-width little-endian unsigned integer, as `WireWriter` writes `u32` and `u64`.
    private mutating func littleEndian<Value: FixedWidthInteger & UnsignedInteger>() throws(LimitsCodecError) -> Value {
        let size = MemoryLayout<Value>.size
        guard remaining >= size else { throw .truncated }
        var value: Value = 0
        for index in 0..<size { value |= Value(bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }

    /// A LEB128 varint of at most 10 bytes whose value fits in 64 bits.
    package mutating func varint() throws(LimitsCodecError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            let payload = UInt64(byte & 0x7f)
            if shift == 63, payload > 1 { throw .varintOverflow }
            value |= payload << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { throw .varintOverflow }
        }
    }

    package mutating func signedVarint() throws(LimitsCodecError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A count of items each at least `minItemBytes` long, checked against the bytes left.
    package mutating func count(minItemBytes: Int) throws(LimitsCodecError) -> Int {
        let value = try varint()
        guard value <= UInt64(remaining / max(1, minItemBytes)) else { throw .countExceedsPayload }
        return Int(value)
    }

    /// A non-empty UTF-8 string of at most `maxBytes` bytes.
    package mutating func string(maxBytes: Int) throws(LimitsCodecError) -> String {
        let length = try varint()
        guard length > 0 else { throw .emptyIdentifier }
        guard length <= UInt64(maxBytes) else { throw .stringTooLong(Int(clamping: length)) }
        guard Int(length) <= remaining else { throw .truncated }
        let slice = bytes[offset..<(offset + Int(length))]
        offset += Int(length)
        guard let value = String(validating: slice, as: UTF8.self) else { throw .invalidUTF8 }
        return value
    }
}
