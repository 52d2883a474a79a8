import Testing
@testable import Shared

/// Properties over random schemas and instances: compiling either succeeds or throws a typed
/// error (never traps or hangs), and a compiled schema validates any instance with the quiet and
/// reporting passes agreeing and the message list bounded.
@Suite struct JSONSchemaPropertyTests {
    static let keywords = ["type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
                           "minLength", "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "maxProperties",
                           "minProperties", "required", "properties", "patternProperties", "additionalProperties", "dependencies",
                           "allOf", "anyOf", "oneOf", "not", "$ref", "definitions", "id", "format"]

    struct Generator {
        var random: SeededGenerator

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

        mutating func scalar() -> JSONValue {
            switch int(0...6) {
            case 0: return .null
            case 1: return .bool(int(0...1) == 1)
            case 2: return .number(Double(int(-3...10)))
            case 3: return .number(Double(int(-30...30)) / 4)
            case 4: return .string(pick(["", "a", "ab", "abc", "x1", "é", "😀😀", "integer", "string", "#", "#/definitions/a"]))
            case 5: return .array((0..<int(0...3)).map { _ in .number(Double(int(0...3))) })
            default: return .object([])
            }
        }

        mutating func schema(_ depth: Int) -> JSONValue {
            guard depth < 4 else { return .object([]) }
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<int(0...4) {
                let keyword = pick(JSONSchemaPropertyTests.keywords)
                members.append((keyword, value(for: keyword, depth)))
            }
            return .object(members)
        }

        mutating func value(for keyword: String, _ depth: Int) -> JSONValue {
            if int(0...9) == 0 { return scalar() }              // often a wrong type on purpose
            switch keyword {
            case "type": return int(0...1) == 0 ? .string(pick(["string", "integer", "number", "object", "array", "null", "boolean"]))
                : .array([.string("string"), .string(pick(["null", "integer"]))])
            case "enum", "required": return .array((0..<int(1...3)).map { _ in .string(pick(["a", "b", "c", "d"])) })
            case "pattern": return .string(pick(["^a", "b$", "[0-9]+", "(a|b)*", "^(?!x).*$", "\\w{2}"]))
            case "items", "additionalItems", "additionalProperties", "not":
                return int(0...3) == 0 ? .bool(int(0...1) == 1) : schema(depth + 1)
            case "properties", "patternProperties", "definitions", "dependencies":
                return .object((0..<int(1...3)).map { _ in (pick(["a", "b", "^c", "d"]), schema(depth + 1)) })
            case "allOf", "anyOf", "oneOf": return .array((0..<int(1...3)).map { _ in schema(depth + 1) })
            case "$ref": return .string(pick(["#", "#/definitions/a", "#/properties/a", "#/nowhere", "#/items"]))
            default: return .number(Double(int(0...4)))
            }
        }

        mutating func instance(_ depth: Int) -> JSONValue {
            guard depth < 4 else { return scalar() }
            switch int(0...3) {
            case 0: return .object((0..<int(0...4)).map { _ in (pick(["a", "b", "c", "d", "e"]), instance(depth + 1)) })
            case 1: return .array((0..<int(0...4)).map { _ in instance(depth + 1) })
            default: return scalar()
            }
        }
    }

    @Test func compilesOrRefusesRandomSchemasAndValidatesRandomInstances() {
        var generator = Generator(random: SeededGenerator(seed: 2026))
        var limits = JSONSchemaLimits()
        limits.maxViolations = 4
        var compiled = 0, refused = 0
        for _ in 0..<3_000 {
            let document = generator.schema(0)
            guard let schema = try? JSONSchema(compiling: document, limits: limits) else { refused += 1; continue }
            compiled += 1
            for _ in 0..<5 {
                let instance = generator.instance(0)
                let result = schema.validate(instance)
                #expect(schema.isValid(instance) == result.isValid, "\(document.serialized()) on \(instance.serialized())")
                #expect(result.violations.count <= limits.maxViolations)
            }
        }
        #expect(compiled > 500)
        #expect(refused > 100)
    }
}
