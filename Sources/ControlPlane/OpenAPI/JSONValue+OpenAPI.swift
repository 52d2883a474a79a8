import Shared

/// Typed reads of an OpenAPI document's nodes (the importer walks `JSONValue`, never `Any`).
extension JSONValue {
    /// The members of an object, in document order; nil for anything else.
    var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var items: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// A whole number (OpenAPI writers emit `29000` and sometimes `29000.0`).
    var int: Int? {
        guard case .number(let value) = self, value.isFinite, value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// A scalar as text: strings as they are, numbers and booleans as JSON writes them (YAML
    /// readers turn `statusCode: 200` into a number; AWS takes it as the string "200").
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number, .bool: serialized()
        default: nil
        }
    }

    /// An object of scalar values as `[String: String]`; nil when not an object. Non-scalar
    /// values are left out (the caller warns).
    var stringMap: [String: String]? {
        guard let members else { return nil }
        var map: [String: String] = [:]
        for member in members { if let text = member.value.scalarText { map[member.key] = text } }
        return map
    }

    /// A new object with `key` set (replacing an existing member in place, or appended).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        var list = members ?? []
        if let index = list.firstIndex(where: { $0.key == key }) { list[index].value = value } else { list.append((key, value)) }
        return .object(list)
    }
}

extension Array where Element == (key: String, value: JSONValue) {
    /// Appends `key: value` unless `value` is nil.
    mutating func add(_ key: String, _ value: JSONValue?) {
        if let value { append((key, value)) }
    }

    mutating func add(_ key: String, _ text: String?) {
        if let text { append((key, .string(text))) }
    }

    /// Appends a string map as an object, keys sorted (deterministic exports), unless nil.
    mutating func add(_ key: String, map: [String: String]?) {
        guard let map else { return }
        append((key, .object(map.keys.sorted().map { ($0, .string(map[$0]!)) })))
    }
}
