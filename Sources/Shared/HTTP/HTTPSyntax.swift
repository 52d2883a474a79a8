/// Byte classes of RFC 9110/9112 grammar, shared by the parsers and the serializer.
///
/// Character sets are 128-bit masks split over two `UInt64` literals so the checks compile to a
/// shift and an AND, with no table to load and no lazy global to initialise on the hot path.
enum HTTPSyntax {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let htab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C

    /// tchar (RFC 9110 §5.6.2): `!#$%&'*+-.^_`|~`, DIGIT, ALPHA.
    ///
    /// One load from `tokenTable` instead of the two-branch mask test: header names are checked
    /// byte by byte when a head is written, and the mask cost ~13 instructions a byte there
    /// (bench/instructions.sh, proxy route: ~2,700 instructions per request in isToken).
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        // Safe: a UInt8 indexes the 256-byte table within bounds.
        tokenTable.utf8Start[Int(byte)] == UInt8(ascii: "1")
    }

    /// Byte n is `1` when byte value n is a tchar (the same set as the mask 0x03FF_6CFA_0000_0000 /
    /// 0x57FF_FFFF_C7FF_FFFE over 0–127; nothing above 127). A literal: read-only data, no lazy init.
    static var tokenTable: StaticString {
        """
        0000000000000000000000000000000001011111001101101111111111000000\
        0111111111111111111111111110001111111111111111111111111111101010\
        0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000000
        """
    }

    /// Bytes allowed in a Host value: unreserved, pct-encoded, sub-delims, `:` and IP-literal brackets.
    @inline(__always)
    static func isHostByte(_ byte: UInt8) -> Bool {
        inMask(byte, low: 0x2FFF_7FF2_0000_0000, high: 0x47FF_FFFE_AFFF_FFFE)
    }

    /// field-vchar / SP / HTAB (RFC 9110 §5.5): anything but CTLs (HTAB excepted) and DEL.
    /// obs-text (0x80–0xFF) is allowed, as the RFC requires recipients to accept it.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == htab
    }

    /// Bytes allowed in a request-target: visible ASCII only (RFC 3986 has no raw spaces,
    /// controls or non-ASCII bytes; clients must percent-encode them).
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == sp || byte == htab
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    @inline(__always)
    private static func inMask(_ byte: UInt8, low: UInt64, high: UInt64) -> Bool {
        if byte < 64 { return (low >> UInt64(byte)) & 1 == 1 }
        if byte < 128 { return (high >> UInt64(byte &- 64)) & 1 == 1 }
        return false
    }

    /// True when `bytes` equals `lowercaseASCII` ignoring ASCII case. `lowercaseASCII` must be lowercase.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercaseASCII: StaticString) -> Bool {
        guard bytes.count == lowercaseASCII.utf8CodeUnitCount else { return false }
        let expected = lowercaseASCII.utf8Start
        for i in 0..<bytes.count {
            // Safe: i < bytes.count == utf8CodeUnitCount, so both reads are in bounds.
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != expected[i] { return false }
        }
        return true
    }

    /// True when every byte of `bytes` is a token character and there is at least one.
    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for b in bytes where !isToken(b) { return false }
        return true
    }

    // MARK: - Word-at-a-time scanning

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Index of the first LF in `bytes[from...]`, or nil. Tests eight bytes per step.
    static func firstLineFeed(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = from
        let count = bytes.count
        while i + 8 <= count {
            // Safe: i + 8 ≤ count, so the 8-byte unaligned load stays inside the buffer.
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let x = word ^ (ones &* UInt64(lf))
            // Classic "has a zero byte": non-zero iff some byte of x is 0, i.e. some byte was LF.
            if (x &- ones) & ~x & highBits != 0 { break }
            i += 8
        }
        while i < count {
            // Safe: i < count.
            if base[i] == lf { return i }
            i += 1
        }
        return nil
    }

    /// True when every byte of `bytes` is allowed in a field value (`isFieldValueByte`).
    /// Plain visible ASCII, the common case, is checked eight bytes per step.
    static func allFieldValueBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let count = bytes.count
        while i + 8 <= count {
            // Safe: i + 8 ≤ count, so the 8-byte unaligned load stays inside the buffer.
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Every byte in 0x20...0x7E: no high bit, none below 0x20 (x - 0x20 borrows into the
            // high bit), none equal to 0x7F (x + 1 reaches the high bit).
            let below = (word &- ones &* 0x20) & ~word & highBits
            let delOrHigh = (word &+ ones) & highBits | word & highBits
            if below | delOrHigh != 0 { break }
            i += 8
        }
        while i < count {
            // Safe: i < count.
            if !isFieldValueByte(base[i]) { return false }
            i += 1
        }
        return true
    }

    /// True when `string` is a non-empty token.
    static func isToken(_ string: String) -> Bool {
        let utf8 = string.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ isToken($0) }) { return result }
        guard !utf8.isEmpty else { return false }
        return utf8.allSatisfy { isToken($0) }
    }

    /// True when the comma-separated list `value` has an element equal to `token`, ignoring
    /// ASCII case. `token` must be lowercase.
    static func listContains(_ value: String, _ token: StaticString) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var found = false
            forEachListElement(bytes) { element in
                if !found && equalsLowercase(element, token) { found = true }
            }
            return found
        }
    }

    /// Decodes bytes to a String, once per field. Invalid UTF-8 (obs-text) is replaced with U+FFFD:
    /// our header model is `String`, so such bytes cannot round-trip; clients do not send them.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Splits a comma-separated list value into elements with OWS trimmed. Empty elements are
    /// reported as empty ranges (callers decide whether the list rule's empty elements are allowed).
    static func forEachListElement<Failure: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
    ) throws(Failure) {
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == comma {
                var s = start, e = i
                // Safe: start ≤ s < e ≤ i ≤ bytes.count in both loops.
                while s < e && isWhitespace(bytes[s]) { s += 1 }
                while e > s && isWhitespace(bytes[e - 1]) { e -= 1 }
                try body(UnsafeBufferPointer(rebasing: bytes[s..<e]))
                start = i + 1
            }
            i += 1
        }
    }
}
