import Shared

/// A fixed set of header names with an ASCII-case-insensitive membership test.
///
/// Built once (static lists of `HeaderPolicy`); on the request path it first rejects by length,
/// which most names fail, before comparing bytes. The same comparisons as scanning the list with
/// `HTTPHeaders.equalsIgnoringCase`, minus nearly all of them.
package struct HeaderNameSet: Sendable {
    /// The names as given (their spelling is the canonical one `canonical(_:)` returns).
    package let names: [String]
    /// Bit `n` is set when some name is `n` UTF-8 bytes long (names of 64 bytes or more: bit 63).
    private let lengths: UInt64

    package init(_ names: [String]) {
        self.names = names
        lengths = names.reduce(0) { $0 | Self.bit(forLength: $1.utf8.count) }
    }

    /// True when `name` is in the set, ignoring ASCII case.
    package func contains(_ name: String) -> Bool {
        canonical(name) != nil
    }

    /// The set's spelling of `name`, or nil when it is not in the set.
    package func canonical(_ name: String) -> String? {
        index(of: name).map { names[$0] }
    }

    /// The position of `name` in `names`, or nil when it is not in the set.
    package func index(of name: String) -> Int? {
        guard lengths & Self.bit(forLength: name.utf8.count) != 0 else { return nil }
        return names.firstIndex { HTTPHeaders.equalsIgnoringCase($0, name) }
    }

    private static func bit(forLength length: Int) -> UInt64 {
        1 << UInt64(min(length, 63))
    }
}
