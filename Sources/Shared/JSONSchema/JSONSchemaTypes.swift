/// The set of draft 4 primitive types a `type` keyword allows, as bits.
struct JSONSchemaTypes: OptionSet, Sendable, Equatable {
    let rawValue: UInt8

    static let array = JSONSchemaTypes(rawValue: 1 << 0)
    static let boolean = JSONSchemaTypes(rawValue: 1 << 1)
    static let integer = JSONSchemaTypes(rawValue: 1 << 2)
    static let null = JSONSchemaTypes(rawValue: 1 << 3)
    static let number = JSONSchemaTypes(rawValue: 1 << 4)
    static let object = JSONSchemaTypes(rawValue: 1 << 5)
    static let string = JSONSchemaTypes(rawValue: 1 << 6)

    /// In the order fge's validator (which API Gateway reports with) lists them: alphabetical.
    static let named: [(String, JSONSchemaTypes)] = [
        ("array", .array), ("boolean", .boolean), ("integer", .integer), ("null", .null),
        ("number", .number), ("object", .object), ("string", .string),
    ]

    static func named(_ name: String) -> JSONSchemaTypes? { named.first { $0.0 == name }?.1 }

    /// Whether `value` has one of these types; `number` includes integers, and a number with a
    /// zero fraction (`1.0`) is an integer.
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        case .number(let number): return contains(.number) || (contains(.integer) && Self.isInteger(number))
        }
    }

    static func isInteger(_ value: Double) -> Bool { value.isFinite && value == value.rounded(.towardZero) }

    /// `["integer","string"]`, as the messages print the allowed set.
    var listed: String {
        "[" + Self.named.filter { contains($0.1) }.map { "\"\($0.0)\"" }.joined(separator: ",") + "]"
    }
}
