/// A string compared by its Unicode scalars, as JSON compares strings and member names. Swift's
/// `String ==` is canonical equivalence (`"é"` equals `"e\u{301}"`), which JSON Schema's
/// equality (`enum`) and member lookup (`properties`, `required`) must not use.
struct JSONSchemaKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: JSONSchemaKey, rhs: JSONSchemaKey) -> Bool { same(lhs.text, rhs.text) }

    /// `String`'s own hash: byte-equal strings are canonically equal, so they hash alike.
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Scalar-by-scalar (byte-by-byte in UTF-8) equality. Different lengths or `!=` (canonical
    /// inequivalence implies different bytes) answer fast; only equal-looking strings are compared
    /// byte by byte.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count, a == b else { return false }
        // Safe: each buffer is read only inside its closure and within its own count (equal, checked
        // above); nil (a bridged string without contiguous UTF-8) falls back to the iterator.
        let contiguous = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
        }
        if let equal = contiguous ?? nil { return equal }
        return a.utf8.elementsEqual(b.utf8)
    }
}
