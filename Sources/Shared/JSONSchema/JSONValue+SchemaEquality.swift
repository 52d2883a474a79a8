/// JSON Schema's equality (draft 4 §3.6), used by `enum` and `uniqueItems`: numbers by value
/// (`1 == 1.0`), strings by Unicode scalars, arrays in order, objects as unordered sets of members. `JSONValue ==` is
/// stricter (members in order) because serialization needs that.
extension JSONValue {
    func schemaEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return JSONSchemaKey.same(a, b)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !a[i].schemaEquals(b[i]) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a {
                guard let match = b.last(where: { JSONSchemaKey.same($0.key, member.key) }), match.value.schemaEquals(member.value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A hash consistent with `schemaEquals` (object members combined order-independently).
    func schemaHash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(1); hasher.combine(value)
        case .number(let value): hasher.combine(2); hasher.combine(value)
        case .string(let value): hasher.combine(3); hasher.combine(value)
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { item.schemaHash(into: &hasher) }
        case .object(let members):
            hasher.combine(5)
            var sum = 0
            for member in members {
                var inner = Hasher()
                inner.combine(member.key)
                member.value.schemaHash(into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        }
    }

    /// The draft 4 primitive type name of this value (`integer` for a number without a fraction).
    var schemaTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let value): return JSONSchemaTypes.isInteger(value) ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
