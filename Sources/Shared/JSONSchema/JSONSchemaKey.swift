/// A string compared by its Unicode scalars, as JSON compares strings and member names. Swift's
/// `String ==` is canonical equivalence (`"é"` equals `"e\u{301}"`), which JSON Schema's
/// equality (`enum`) and member lookup (`properties`, `required`) must not use.
struct JSONSchemaKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: JSONSchemaKey, rhs: JSONSchemaKey) -> Bool { same(lhs.text, rhs.text) }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        for byte in text.utf8 { hasher.combine(byte) }
    }

    /// Scalar-by-scalar (byte-by-byte in UTF-8) equality.
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
