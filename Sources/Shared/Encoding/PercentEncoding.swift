/// Percent-encoding (RFC 3986 §2.1) of UTF-8 bytes, byte-oriented and Foundation-free: the one
/// encoder of the project, parameterised by the set of bytes a caller keeps as they are.
///
/// Every byte outside the allowed set becomes `%XY` with upper-case hex digits (as SigV4 and
/// botocore require). Callers pick the set for their context instead of carrying their own copy:
/// `.unreserved` for query names and values, one path segment, Lambda function names and the
/// SigV4 canonical query; `.unreservedAndSlash` for a SigV4 canonical path; `.pathCharacters`
/// with `keepingEscapes` for a captured path value that is already encoded.
package enum PercentEncoding {
    /// A set of ASCII bytes kept as they are (a byte ≥ 0x80 is never in a set).
    package struct AllowedSet: Sendable {
        private let low: UInt64   // bytes 0x00–0x3F
        private let high: UInt64  // bytes 0x40–0x7F

        /// The set of the ASCII characters of `characters`, plus the RFC 3986 unreserved ones
        /// when `unreserved` is true.
        package init(_ characters: String, unreserved: Bool = true) {
            var low: UInt64 = 0, high: UInt64 = 0
            var all = Array(characters.utf8)
            if unreserved { all += Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8) }
            for byte in all where byte < 0x80 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
            self.low = low
            self.high = high
        }

        /// Whether `byte` is kept as it is.
        @inline(__always)
        package func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low >> UInt64(byte) & 1 == 1 : byte < 128 ? high >> UInt64(byte - 64) & 1 == 1 : false
        }

        /// RFC 3986 unreserved characters, `A–Z a–z 0–9 - . _ ~`: everything else is encoded, so
        /// `/`, `?`, `#`, `;` and `%` cannot split, end or re-escape the component it goes into.
        /// Dot segments are not made safe by encoding (`..` is unreserved): `PathSafety.isSafeValue`
        /// refuses them.
        package static let unreserved = AllowedSet("")

        /// Unreserved characters and `/` (a SigV4 canonical URI keeps its separators).
        package static let unreservedAndSlash = AllowedSet("/")

        /// `pchar`s (RFC 3986 §3.3: unreserved, sub-delims, `:`, `@`) and `/`: what a path may carry
        /// as it is (a greedy path value has `/`); `"`, `<`, `\`, `^`, `{`, … are encoded.
        package static let pathCharacters = AllowedSet("!$&'()*+,;=:@/")
    }

    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// The encoding of `text`'s UTF-8 bytes; `text` itself when nothing needs encoding. With
    /// `keepingEscapes`, a well-formed `%XY` is kept as received (the value is already encoded) and
    /// only a `%` without two hex digits after it is encoded.
    ///
    /// Concrete `String` and `[UInt8]` entry points (not generic ones) so that callers in other
    /// targets, the data plane's per-request URL building among them, run the specialised loop.
    package static func encode(_ text: String, keeping allowed: AllowedSet, keepingEscapes: Bool = false) -> String {
        let bytes = text.utf8
        // The common case, nothing to encode, scanned over the contiguous bytes (the index walk
        // of `String.UTF8View` cost ~790 instructions for a short proxied path, issue 11 fifth pass).
        if bytes.withContiguousStorageIfAvailable({ $0.allSatisfy(allowed.contains) }) == true { return text }
        guard bytes.indices.contains(where: { !keeps(bytes, at: $0, allowed, keepingEscapes) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        append(bytes, keeping: allowed, keepingEscapes: keepingEscapes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `bytes` to `output` (same rules as `encode(_:keeping:keepingEscapes:)`).
    package static func encode(_ bytes: [UInt8], keeping allowed: AllowedSet, keepingEscapes: Bool = false,
                               into output: inout [UInt8]) {
        append(bytes, keeping: allowed, keepingEscapes: keepingEscapes, into: &output)
    }

    private static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, keeping allowed: AllowedSet, keepingEscapes: Bool,
                                                         into output: inout [UInt8]) {
        for index in bytes.indices {
            let byte = bytes[index]
            if keeps(bytes, at: index, allowed, keepingEscapes) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0F)])
            }
        }
    }

    /// Whether the byte at `index` is written as it is.
    private static func keeps<Bytes: Collection<UInt8>>(_ bytes: Bytes, at index: Bytes.Index, _ allowed: AllowedSet,
                                                        _ keepingEscapes: Bool) -> Bool {
        let byte = bytes[index]
        if allowed.contains(byte) { return true }
        guard keepingEscapes, byte == UInt8(ascii: "%") else { return false }
        let high = bytes.index(after: index)
        guard high != bytes.endIndex, Hex.value(of: bytes[high]) != nil else { return false }
        let low = bytes.index(after: high)
        return low != bytes.endIndex && Hex.value(of: bytes[low]) != nil
    }
}
