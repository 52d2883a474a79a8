/// One access log line being written into room reserved for it, in place: no capacity or
/// uniqueness check of an array per piece.
///
/// `AccessLogProgram.render` makes one `[UInt8](unsafeUninitializedCapacity:)` and writes every
/// literal and value through this. A piece that does not fit is not written, but `needed` still
/// counts it, so a line that outgrew its room is rendered once more into exactly `needed` bytes.
/// Appending each piece to an array (a capacity and uniqueness check per piece, per digit) made the
/// JSON example's line 6,166 instructions, 5,499 this way (bench/observability-instructions.sh,
/// docs/performance.md). Lives on the rendering thread for one line only.
struct AccessLogLine {
    private let room: UnsafeMutableBufferPointer<UInt8>
    /// Bytes written (all of them when `fits`).
    private(set) var count = 0
    /// Bytes the line takes, written or not.
    private(set) var needed = 0

    init(_ room: UnsafeMutableBufferPointer<UInt8>) {
        self.room = room
    }

    /// Whether every piece so far was written.
    var fits: Bool { needed == count }

    mutating func write(_ byte: UInt8) {
        needed += 1
        guard needed <= room.count else { return }
        // Safe: `count` < `needed` <= the room's size, and bytes need no initialisation order.
        room[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        needed += bytes.count
        guard needed <= room.count, let source = bytes.baseAddress, let target = room.baseAddress else { return }
        // Safe: `count + bytes.count` == `needed` <= the room's size (all earlier pieces fitted, or
        // `needed` would already exceed `count` and nothing more is written).
        UnsafeMutableRawPointer(target + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// `value` escaped (`"` → `\"`, `\` → `\\`, control characters → `\u00XX`), or `-` when it
    /// is nil or empty. A value with nothing to escape (the usual case) is copied at once.
    mutating func write(escaped value: String?) {
        guard var value, !value.isEmpty else { return write(UInt8(ascii: "-")) }
        // Over the string's bytes in place (a native string is not copied).
        value.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else { return write(bytes) }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    write(UInt8(ascii: "\\"))
                    write(byte)
                case 0..<0x20, 0x7F:
                    for escape in "\\u00".utf8 { write(escape) }
                    write(Self.hexDigit(byte >> 4))
                    write(Self.hexDigit(byte & 0xF))
                default:
                    write(byte)
                }
            }
        }
    }

    /// `value` in decimal, written from its last digit into a stack buffer, then copied.
    mutating func write(decimal value: UInt64) {
        guard value >= 10 else { return write(UInt8(ascii: "0") + UInt8(value)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = digits.count
            var rest = value
            while rest > 0 {
                // Safe: UInt64.max has 20 digits and the buffer holds 20 bytes, so `index` stays >= 0.
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            write(UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }

    /// Whether `byte` is written escaped: `"`, `\`, control characters.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
