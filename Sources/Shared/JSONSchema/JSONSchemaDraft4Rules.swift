/// The draft 4 meta-schema's rules for the keywords of one schema object, checked directly
/// (rather than by validating against the meta-schema) so that a bad model gets one precise error:
/// keyword types, non-negative integers, `multipleOf > 0`, `exclusiveMaximum` only with
/// `maximum`, `required`/`enum`/`type` arrays non-empty and unique, valid regular expressions,
/// and `items`/`allOf`/… holding schemas (objects; their own keywords are checked when the walk
/// reaches them). Unknown keywords are allowed, as draft 4 allows them.
enum JSONSchemaDraft4Rules {
    /// Throws the first rule `members` (a schema object at `at`) breaks. Compiles each pattern into
    /// `patterns` so that compiling the schema reuses it.
    static func check(_ members: [(key: String, value: JSONValue)], at: String, patterns: inout [String: ECMARegex]) throws(JSONSchemaCompileError) {
        var keys: Set<String> = []
        for (keyword, value) in members {
            keys.insert(keyword)
            let here = at + "/" + JSONPointer.escape(keyword)
            func fail(_ reason: String) -> JSONSchemaCompileError { .invalidKeyword(keyword, at: at, reason: reason) }
            switch keyword {
            case "id", "$schema", "title", "description", "format", "$ref":
                guard case .string = value else { throw fail("must be a string") }
            case "multipleOf":
                guard case .number(let number) = value, number.isFinite else { throw fail("must be a number") }
                guard number > 0 else { throw fail("must be greater than 0") }
            case "maximum", "minimum":
                guard case .number(let number) = value, !number.isNaN else { throw fail("must be a number") }
            case "exclusiveMaximum", "exclusiveMinimum", "uniqueItems":
                guard case .bool = value else { throw fail("must be a boolean") }
            case "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties":
                guard case .number(let number) = value, JSONSchemaTypes.isInteger(number) else { throw fail("must be an integer") }
                guard number >= 0 else { throw fail("must be greater than or equal to 0") }
            case "pattern":
                guard case .string(let source) = value else { throw fail("must be a string") }
                try compile(source, at: here, into: &patterns)
            case "additionalItems", "additionalProperties":
                switch value {
                case .bool, .object: break
                default: throw fail("must be a boolean or a schema")
                }
            case "items":
                switch value {
                case .object: break
                case .array(let items): try schemaArray(items, fail: fail)
                default: throw fail("must be a schema or an array of schemas")
                }
            case "required":
                try stringArray(value, fail: fail)
            case "definitions", "properties", "patternProperties":
                guard case .object(let entries) = value else { throw fail("must be an object") }
                for entry in entries {
                    guard case .object = entry.value else { throw .notASchema(at: here + "/" + JSONPointer.escape(entry.key)) }
                    if keyword == "patternProperties" { try compile(entry.key, at: here, into: &patterns) }
                }
            case "dependencies":
                guard case .object(let entries) = value else { throw fail("must be an object") }
                for entry in entries {
                    switch entry.value {
                    case .object: break
                    case .array: try stringArray(entry.value, fail: fail)
                    default: throw fail("\"\(entry.key)\" must be a schema or an array of property names")
                    }
                }
            case "enum":
                guard case .array(let values) = value else { throw fail("must be an array") }
                guard !values.isEmpty else { throw fail("must have at least one element") }
                guard unique(values) else { throw fail("elements must be unique") }
            case "type":
                switch value {
                case .string(let name):
                    guard JSONSchemaTypes.named(name) != nil else { throw fail("unknown type \"\(name)\"") }
                case .array(let names):
                    guard !names.isEmpty else { throw fail("must have at least one element") }
                    for name in names {
                        guard case .string(let text) = name, JSONSchemaTypes.named(text) != nil else {
                            throw fail("must list type names (array, boolean, integer, null, number, object, string)")
                        }
                    }
                    guard unique(names) else { throw fail("elements must be unique") }
                default:
                    throw fail("must be a type name or an array of type names")
                }
            case "allOf", "anyOf", "oneOf":
                guard case .array(let items) = value else { throw fail("must be an array of schemas") }
                try schemaArray(items, fail: fail)
            case "not":
                guard case .object = value else { throw fail("must be a schema") }
            default:
                break
            }
        }
        if keys.contains("exclusiveMaximum") && !keys.contains("maximum") {
            throw .invalidKeyword("exclusiveMaximum", at: at, reason: "requires \"maximum\"")
        }
        if keys.contains("exclusiveMinimum") && !keys.contains("minimum") {
            throw .invalidKeyword("exclusiveMinimum", at: at, reason: "requires \"minimum\"")
        }
    }

    private static func compile(_ source: String, at: String, into patterns: inout [String: ECMARegex]) throws(JSONSchemaCompileError) {
        guard patterns[source] == nil else { return }
        do {
            patterns[source] = try ECMARegex(source)
        } catch {
            throw .invalidPattern(source, at: at, reason: error.description)
        }
    }

    /// The meta-schema's `schemaArray`: at least one schema (`items`, `allOf`, `anyOf`, `oneOf`).
    private static func schemaArray(_ items: [JSONValue], fail: (String) -> JSONSchemaCompileError) throws(JSONSchemaCompileError) {
        guard !items.isEmpty else { throw fail("must have at least one schema") }
        for item in items {
            guard case .object = item else { throw fail("must contain only schemas (objects)") }
        }
    }

    /// A non-empty array of unique strings (`required`, property dependencies).
    private static func stringArray(_ value: JSONValue, fail: (String) -> JSONSchemaCompileError) throws(JSONSchemaCompileError) {
        guard case .array(let items) = value else { throw fail("must be an array of strings") }
        guard !items.isEmpty else { throw fail("must have at least one element") }
        var seen: Set<String> = []
        for item in items {
            guard case .string(let name) = item else { throw fail("must contain only strings") }
            guard seen.insert(name).inserted else { throw fail("elements must be unique (\"\(name)\" repeats)") }
        }
    }

    /// By JSON equality, hashed for long lists (an `enum` of thousands of values stays linear).
    private static func unique(_ values: [JSONValue]) -> Bool { JSONSchemaEvaluator.allUnique(values) }
}
