@testable import Shared

/// Builders shared by the JSON Schema tests.
enum JSONSchemaFixtures {
    /// `text` parsed as JSON; traps on a typo in a test (our own invariant, not input).
    static func json(_ text: String) -> JSONValue {
        guard let value = try? JSONParser.parse(Array(text.utf8)) else { preconditionFailure("test JSON does not parse: \(text)") }
        return value
    }

    static func compile(_ text: String, resolver: any JSONSchemaResolver = JSONSchemaDocuments(),
                        limits: JSONSchemaLimits = JSONSchemaLimits()) throws(JSONSchemaCompileError) -> JSONSchema {
        try JSONSchema(compiling: json(text), resolver: resolver, limits: limits)
    }

    static func compileError(_ text: String, resolver: any JSONSchemaResolver = JSONSchemaDocuments(),
                             limits: JSONSchemaLimits = JSONSchemaLimits()) -> JSONSchemaCompileError? {
        do {
            _ = try compile(text, resolver: resolver, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// `[[[…]]]` `depth` levels deep, built without the parser (which stops at 512).
    static func nestedArrays(_ depth: Int) -> JSONValue {
        var value = JSONValue.array([])
        for _ in 0..<depth { value = .array([value]) }
        return value
    }
}
