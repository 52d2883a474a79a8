/// An ordered list of header fields with case-insensitive lookup.
///
/// Order and duplicates are kept exactly as received (RFC 9110 §5.3): proxies must forward
/// repeated fields in order. Names keep their original case; comparisons ignore ASCII case.
/// A value type with no locks: safe to pass between threads.
package struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in wire order.
    package private(set) var fields: [(name: String, value: String)]

    package init() { fields = [] }

    package init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    package init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Reserves room for `count` fields, so a parser fills a typical head with one allocation.
    package mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    package var count: Int { fields.count }
    package var isEmpty: Bool { fields.isEmpty }

    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// The first value of `name`, or nil.
    package subscript(name: String) -> String? {
        for field in fields where Self.equalsIgnoringCase(field.name, name) { return field.value }
        return nil
    }

    /// Every value of `name`, in order.
    package func values(_ name: String) -> [String] {
        fields.compactMap { Self.equalsIgnoringCase($0.name, name) ? $0.value : nil }
    }

    package func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping any earlier field of the same name.
    ///
    /// The first field added to an empty list reserves room for eight: heads built field by field
    /// (the upstream request, the decorated response) have several, and growing 1, 2, 4, 8 cost
    /// three extra allocations and copies per head (bench/instructions.sh).
    package mutating func add(_ name: String, _ value: String) {
        if fields.capacity == 0 { fields.reserveCapacity(8) }
        fields.append((name: name, value: value))
    }

    /// Replaces every field named `name` with one field (at the first one's position), or appends it.
    package mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { Self.equalsIgnoringCase($0.name, name) }) {
            fields[index] = (name: name, value: value)
            var i = fields.count - 1
            while i > index {
                if Self.equalsIgnoringCase(fields[i].name, name) { fields.remove(at: i) }
                i -= 1
            }
        } else {
            fields.append((name: name, value: value))
        }
    }

    /// Removes every field named `name`.
    package mutating func remove(_ name: String) {
        fields.removeAll { Self.equalsIgnoringCase($0.name, name) }
    }

    package static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII case-insensitive comparison without allocating. Native strings are compared over
    /// their contiguous UTF-8 storage (a byte loop; the generic view iteration costs several times
    /// more, and every header lookup runs this once per field); others byte by byte through views.
    @inlinable
    package static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        let a = a.utf8, b = b.utf8
        guard a.count == b.count else { return false }
        let fast = a.withContiguousStorageIfAvailable { x in
            b.withContiguousStorageIfAvailable { y in bytesEqualIgnoringCase(x, y) }
        }
        if let fast, let result = fast { return result }
        for (x, y) in zip(a, b) where x != y {
            if lowercased(x) != lowercased(y) { return false }
        }
        return true
    }

    @inlinable
    static func bytesEqualIgnoringCase(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        // Safe: callers pass buffers of equal length (checked before), read within bounds.
        for index in 0..<x.count {
            let p = x[index], q = y[index]
            if p != q, lowercased(p) != lowercased(q) { return false }
        }
        return true
    }

    @inlinable
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte | 0x20 : byte
    }
}
