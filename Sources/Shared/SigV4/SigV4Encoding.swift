/// Percent-encoding as SigV4 defines it: RFC 3986 unreserved characters (`A–Z a–z 0–9 - _ . ~`)
/// stay as they are, every other byte of the UTF-8 form becomes `%XY` with upper-case hex.
enum SigV4Encoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Appends the encoding of `bytes` to `output`; with `keepSlash`, `/` is left as is (paths).
    static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool, into output: inout [UInt8]) {
        for byte in bytes {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0F)])
            }
        }
    }

    /// The encoding of `text`'s UTF-8 bytes.
    static func encode(_ text: some StringProtocol, keepSlash: Bool = false) -> String {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        encode(text.utf8, keepSlash: keepSlash, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `%XY` escapes. A `%` not followed by two hex digits is kept literally, and `+` is
    /// not a space: SigV4 clients encode spaces as `%20`, and a literal `+` is signed as `%2B`.
    static func decode(_ text: some StringProtocol) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = Hex.value(of: bytes[index + 1]), let low = Hex.value(of: bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
