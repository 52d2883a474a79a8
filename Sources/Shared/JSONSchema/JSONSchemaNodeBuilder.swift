/// Turns the keywords of one schema object (already checked by `JSONSchemaDraft4Rules`) and the
/// node indices of its subschemas into a `JSONSchemaNode`. Compile time only.
struct JSONSchemaNodeBuilder {
    private let location: String
    private let members: [(key: String, value: JSONValue)]
    private let patterns: [String: ECMARegex]
    private var children: [String: [String: Int]] = [:]

    init(location: String, members: [(key: String, value: JSONValue)], patterns: [String: ECMARegex]) {
        self.location = location
        self.members = members
        self.patterns = patterns
    }

    /// Records that the subschema at `tokens` (`["properties", "a"]`, `["not"]`) compiled to `index`.
    mutating func subschema(_ tokens: [String], is index: Int) {
        children[tokens[0], default: [:]][tokens.count > 1 ? tokens[1] : "", default: index] = index
    }

    private func value(_ keyword: String) -> JSONValue? { members.last(where: { $0.key == keyword })?.value }

    private func number(_ keyword: String) -> Double? {
        if case .number(let n)? = value(keyword) { return n }
        return nil
    }

    /// A non-negative integer keyword, clamped so that `1e300` stays an `Int`.
    private func count(_ keyword: String) -> Int? {
        guard let n = number(keyword) else { return nil }
        return n >= Double(Int32.max) ? Int(Int32.max) : Int(n)
    }

    private func flag(_ keyword: String) -> Bool {
        if case .bool(true)? = value(keyword) { return true }
        return false
    }

    private func child(_ keyword: String, _ key: String = "") -> Int? { children[keyword]?[key] }

    private func additional(_ keyword: String) -> JSONSchemaNode.Additional {
        switch value(keyword) {
        case .bool(false)?: return .forbidden
        case .object?: return child(keyword).map { .schema($0) } ?? .allowed
        default: return .allowed
        }
    }

    private func indices(_ keyword: String) -> [Int] {
        guard case .array(let items)? = value(keyword) else { return [] }
        return items.indices.compactMap { child(keyword, String($0)) }
    }

    func build() -> JSONSchemaNode {
        var types: JSONSchemaTypes? = nil
        switch value("type") {
        case .string(let name)?: types = JSONSchemaTypes.named(name)
        case .array(let names)?:
            var set = JSONSchemaTypes()
            for case .string(let name) in names { set.formUnion(JSONSchemaTypes.named(name) ?? []) }
            types = set
        default: break
        }
        var enumeration: JSONSchemaNode.Enumeration? = nil
        if case .array(let values)? = value("enum") { enumeration = .init(values) }

        var numberChecks = JSONSchemaNode.NumberChecks()
        if let divisor = number("multipleOf"), let decimal = JSONSchemaDecimal(divisor) { numberChecks.multipleOf = (divisor, decimal) }
        numberChecks.maximum = number("maximum")
        numberChecks.exclusiveMaximum = flag("exclusiveMaximum")
        numberChecks.minimum = number("minimum")
        numberChecks.exclusiveMinimum = flag("exclusiveMinimum")
        let hasNumber = numberChecks.multipleOf != nil || numberChecks.maximum != nil || numberChecks.minimum != nil

        var stringChecks = JSONSchemaNode.StringChecks()
        stringChecks.maxLength = count("maxLength")
        stringChecks.minLength = count("minLength")
        if case .string(let source)? = value("pattern") { stringChecks.pattern = patterns[source] }
        let hasString = stringChecks.maxLength != nil || stringChecks.minLength != nil || stringChecks.pattern != nil

        var arrayChecks = JSONSchemaNode.ArrayChecks()
        switch value("items") {
        case .object?: if let index = child("items") { arrayChecks.items = .all(index) }
        case .array?:
            arrayChecks.items = .tuple(indices("items"))
            arrayChecks.additionalItems = additional("additionalItems")
        default: break
        }
        arrayChecks.maxItems = count("maxItems")
        arrayChecks.minItems = count("minItems")
        arrayChecks.uniqueItems = flag("uniqueItems")
        let hasArray = arrayChecks.items != .any || arrayChecks.maxItems != nil || arrayChecks.minItems != nil || arrayChecks.uniqueItems

        var objectChecks = JSONSchemaNode.ObjectChecks()
        objectChecks.maxProperties = count("maxProperties")
        objectChecks.minProperties = count("minProperties")
        if case .array(let names)? = value("required") {
            for case .string(let name) in names { objectChecks.required.append(name) }
        }
        if case .object(let entries)? = value("properties") {
            for entry in entries { if let index = child("properties", entry.key) { objectChecks.properties[JSONSchemaKey(entry.key)] = index } }
        }
        if case .object(let entries)? = value("patternProperties") {
            for entry in entries {
                if let regex = patterns[entry.key], let index = child("patternProperties", entry.key) {
                    objectChecks.patternProperties.append((regex, index))
                }
            }
        }
        objectChecks.additionalProperties = additional("additionalProperties")
        if case .object(let entries)? = value("dependencies") {
            for entry in entries {
                switch entry.value {
                case .array(let names):
                    objectChecks.propertyDependencies.append((entry.key, names.compactMap { if case .string(let s) = $0 { return s }; return nil }))
                case .object:
                    if let index = child("dependencies", entry.key) { objectChecks.schemaDependencies.append((entry.key, index)) }
                default: break
                }
            }
        }
        let hasObject = objectChecks.maxProperties != nil || objectChecks.minProperties != nil || !objectChecks.required.isEmpty
            || objectChecks.checksMembers || !objectChecks.propertyDependencies.isEmpty || !objectChecks.schemaDependencies.isEmpty

        return JSONSchemaNode(location: location, types: types, enumeration: enumeration,
                              number: hasNumber ? numberChecks : nil, string: hasString ? stringChecks : nil,
                              array: hasArray ? arrayChecks : nil, object: hasObject ? objectChecks : nil,
                              allOf: indices("allOf"), anyOf: indices("anyOf"), oneOf: indices("oneOf"), not: child("not"))
    }
}
