/// 64-bit FNV-1a over length-prefixed fields (so `("ab","c")` and `("a","bc")` differ).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func add(field: String) {
        var length = UInt32(truncatingIfNeeded: field.utf8.count)
        for _ in 0..<4 {
            add(byte: UInt8(truncatingIfNeeded: length))
            length >>= 8
        }
        for byte in field.utf8 { add(byte: byte) }
    }
}
