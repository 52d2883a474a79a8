/// A set of HTTP status codes 100–611 as a fixed bitmap: what a `selectionPattern` matches.
///
/// For HTTP and MOCK integrations the selection value is the status code as text, so each pattern is
/// evaluated once per code at compile time and the hot path only tests a bit.
package struct StatusCodeSet: Sendable, Equatable {
    static let base = 100
    private var words = SIMD8<UInt64>(repeating: 0)

    package init() {}

    /// The codes whose decimal text `predicate` accepts.
    package init(where predicate: (String) throws -> Bool) rethrows {
        for code in 100...599 where try predicate(String(code)) { insert(code) }
    }

    package func contains(_ code: Int) -> Bool {
        let offset = code - Self.base
        guard offset >= 0, offset < 512 else { return false }
        return (words[offset >> 6] >> UInt64(offset & 63)) & 1 == 1
    }

    package mutating func insert(_ code: Int) {
        let offset = code - Self.base
        guard offset >= 0, offset < 512 else { return }
        words[offset >> 6] |= 1 << UInt64(offset & 63)
    }

    package var isEmpty: Bool { words == SIMD8(repeating: 0) }
}
