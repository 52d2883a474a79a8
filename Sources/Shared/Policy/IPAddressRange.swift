/// An IPv4 or IPv6 CIDR block from an `IpAddress` / `NotIpAddress` condition, and the address
/// parser both sides use.
///
/// IAM accepts RFC 4632 CIDR (`203.0.113.0/24`) and RFC 4291 IPv6 prefixes
/// (`2001:DB8:1234:5678::/64`); a value without a prefix is one address (`/32`, `/128`). Host bits
/// past the prefix are ignored (`192.0.2.7/24` covers `192.0.2.0/24`). An IPv4-mapped IPv6 address
/// (`::ffff:192.0.2.1`, what a dual-stack socket reports) is compared as its IPv4 address, and
/// an IPv4-mapped block (`::ffff:0:0/96`) as the IPv4 block it maps. Parsing
/// is strict (no leading zeros in IPv4 octets, no zone ids, hex digits only) and reads bytes; pure.
package struct IPAddressRange: Sendable, Equatable {
    /// The address as 128 bits (IPv4 in the low 32 bits of `low`).
    let high: UInt64
    let low: UInt64
    let isIPv4: Bool
    let prefixLength: Int

    /// Parses `text` as an address with an optional `/prefix`; nil when malformed.
    package init?(_ text: some Collection<UInt8>) {
        let bytes = Array(text)
        var addressBytes = bytes[...]
        var prefix: Int?
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            addressBytes = bytes[..<slash]
            let digits = bytes[(slash + 1)...]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            prefix = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard var address = Self.parseAddress(addressBytes) else { return nil }
        if address.isIPv4, addressBytes.contains(UInt8(ascii: ":")), let given = prefix {
            // An IPv4-mapped block (`::ffff:0:0/96`) is the IPv4 block of its last 32 bits; a
            // shorter prefix covers non-mapped IPv6 space too and stays IPv6.
            if given >= 96 {
                prefix = given - 96
            } else {
                address = (0, address.low | 0xFFFF_0000_0000, false)
            }
        }
        let maximum = address.isIPv4 ? 32 : 128
        let length = prefix ?? maximum
        guard length <= maximum else { return nil }
        high = address.high
        low = address.low
        isIPv4 = address.isIPv4
        prefixLength = length
    }

    /// A parsed address (no prefix), so one request value is parsed once for every block.
    package struct Address: Sendable, Equatable {
        let high: UInt64
        let low: UInt64
        let isIPv4: Bool

        /// Parses `text`; nil when it is not an address.
        package init?(_ text: some Collection<UInt8>) {
            guard let parsed = IPAddressRange.parseAddress(Array(text)[...]) else { return nil }
            (high, low, isIPv4) = parsed
        }
    }

    /// Whether the address `text` (no prefix) lies in this block; false when `text` is not an address.
    package func contains(_ text: some Collection<UInt8>) -> Bool {
        guard let address = Address(text) else { return false }
        return contains(address)
    }

    /// Whether `address` lies in this block.
    package func contains(_ address: Address) -> Bool {
        guard address.isIPv4 == isIPv4 else { return false }
        if isIPv4 {
            let mask: UInt64 = prefixLength == 0 ? 0 : (UInt64(0xFFFF_FFFF) << (32 - prefixLength)) & 0xFFFF_FFFF
            return address.low & mask == low & mask
        }
        let highMask: UInt64 = prefixLength >= 64 ? ~0 : (prefixLength == 0 ? 0 : ~0 << (64 - prefixLength))
        let lowMask: UInt64 = prefixLength <= 64 ? 0 : (prefixLength == 128 ? ~0 : ~0 << (128 - prefixLength))
        return address.high & highMask == high & highMask && address.low & lowMask == low & lowMask
    }

    // MARK: - Parsing

    fileprivate static func parseAddress(_ bytes: ArraySlice<UInt8>) -> (high: UInt64, low: UInt64, isIPv4: Bool)? {
        if bytes.contains(UInt8(ascii: ":")) {
            guard let (high, low) = parseIPv6(bytes) else { return nil }
            if high == 0, low >> 32 == 0xFFFF { return (0, low & 0xFFFF_FFFF, true) }
            return (high, low, false)
        }
        guard let value = parseIPv4(bytes) else { return nil }
        return (0, UInt64(value), true)
    }

    private static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            guard part.count == 1 || part.first != UInt8(ascii: "0") else { return nil }
            let octet = part.reduce(0) { $0 * 10 + UInt32($1 - 48) }
            guard octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    private static func parseIPv6(_ bytes: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count <= 45 else { return nil }
        // At most one `::`; the groups on each side of it are parsed separately.
        var gap: Int?
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = index
                index += 2
                continue
            }
            index += 1
        }
        let head: [UInt16]
        var tail: [UInt16] = []
        if let gap {
            guard let left = groups(bytes[bytes.startIndex..<gap], allowIPv4: false),
                  let right = groups(bytes[(gap + 2)...], allowIPv4: true) else { return nil }
            head = left
            tail = right
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let all = groups(bytes, allowIPv4: true), all.count == 8 else { return nil }
            head = all
        }
        let words = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        let high = words[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = words[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    /// Colon-separated hex groups (none when `bytes` is empty); the last may be dotted IPv4.
    private static func groups(_ bytes: ArraySlice<UInt8>, allowIPv4: Bool) -> [UInt16]? {
        if bytes.isEmpty { return [] }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var words: [UInt16] = []
        for (position, part) in parts.enumerated() {
            if allowIPv4, position == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                guard let v4 = parseIPv4(part) else { return nil }
                words += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                continue
            }
            guard !part.isEmpty, part.count <= 4, let word = hexWord(part) else { return nil }
            words.append(word)
        }
        return words
    }

    private static func hexWord(_ bytes: ArraySlice<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 55
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
