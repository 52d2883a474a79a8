/// One compiled schema: its keywords as typed fields grouped by the instance type they apply
/// to, so validating reads fields and never looks a keyword up by name. Subschemas are indices
/// into `JSONSchema.nodes` (a `$ref` is already replaced by its target's index), which is how
/// recursive schemas are represented without reference cycles. Immutable and `Sendable`: one
/// compiled model is shared by every event loop.
final class JSONSchemaNode: Sendable {
    /// `schema only allows…`: what `additionalItems`/`additionalProperties` say.
    enum Additional: Sendable, Equatable {
        case allowed
        case forbidden
        case schema(Int)
    }

    struct NumberChecks: Sendable {
        var multipleOf: (value: Double, decimal: JSONSchemaDecimal)?
        var maximum: Double?
        var exclusiveMaximum = false
        var minimum: Double?
        var exclusiveMinimum = false
    }

    struct StringChecks: Sendable {
        var maxLength: Int?
        var minLength: Int?
        var pattern: ECMARegex?
    }

    struct ArrayChecks: Sendable {
        enum Items: Sendable, Equatable {
            case any
            case all(Int)
            /// Positional schemas; `additionalItems` applies past them.
            case tuple([Int])
        }
        var items: Items = .any
        var additionalItems: Additional = .allowed
        var maxItems: Int?
        var minItems: Int?
        var uniqueItems = false
    }

    struct ObjectChecks: Sendable {
        var maxProperties: Int?
        var minProperties: Int?
        var required: [String] = []
        var properties: [JSONSchemaKey: Int] = [:]
        var patternProperties: [(regex: ECMARegex, node: Int)] = []
        var additionalProperties: Additional = .allowed
        /// `dependencies` with a property list, in the schema's order.
        var propertyDependencies: [(property: String, requires: [String])] = []
        /// `dependencies` with a schema.
        var schemaDependencies: [(property: String, node: Int)] = []
        /// Whether members need matching against `properties`/`patternProperties`/`additionalProperties`.
        var checksMembers: Bool { !properties.isEmpty || !patternProperties.isEmpty || additionalProperties != .allowed }
    }

    /// `enum`, with a set for the common all-strings case.
    struct Enumeration: Sendable {
        let values: [JSONValue]
        let strings: Set<JSONSchemaKey>?

        init(_ values: [JSONValue]) {
            self.values = values
            var strings: Set<JSONSchemaKey> = []
            for value in values {
                guard case .string(let text) = value else { self.strings = nil; return }
                strings.insert(JSONSchemaKey(text))
            }
            self.strings = strings
        }

        func contains(_ value: JSONValue) -> Bool {
            if let strings {
                guard case .string(let text) = value else { return false }
                return strings.contains(JSONSchemaKey(text))
            }
            return values.contains { $0.schemaEquals(value) }
        }
    }

    /// Where the schema is (`#/properties/a`, or `uri#/…` in another document), for violations.
    let location: String
    let types: JSONSchemaTypes?
    let enumeration: Enumeration?
    let number: NumberChecks?
    let string: StringChecks?
    let array: ArrayChecks?
    let object: ObjectChecks?
    let allOf: [Int]
    let anyOf: [Int]
    let oneOf: [Int]
    let not: Int?

    init(location: String, types: JSONSchemaTypes?, enumeration: Enumeration?, number: NumberChecks?, string: StringChecks?,
         array: ArrayChecks?, object: ObjectChecks?, allOf: [Int], anyOf: [Int], oneOf: [Int], not: Int?) {
        self.location = location
        self.types = types
        self.enumeration = enumeration
        self.number = number
        self.string = string
        self.array = array
        self.object = object
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.not = not
    }

    /// Subschemas applied to the same instance (the edges a non-terminating cycle would use).
    var sameInstanceChildren: [Int] {
        var children = allOf + anyOf + oneOf
        if let not { children.append(not) }
        if let object { children += object.schemaDependencies.map(\.node) }
        return children
    }
}
