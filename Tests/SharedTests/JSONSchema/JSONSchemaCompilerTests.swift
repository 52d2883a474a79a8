import Testing
@testable import Shared

/// Compile errors: draft 4's meta-schema rules, references, loops and limits, as typed errors.
@Suite struct JSONSchemaCompilerTests {
    typealias F = JSONSchemaFixtures

    static let invalidSchemas: [(String, JSONSchemaCompileError)] = [
        ("[]", .notASchema(at: "#")),
        (##"{"properties": {"a": 1}}"##, .notASchema(at: "#/properties/a")),
        (##"{"not": true}"##, .invalidKeyword("not", at: "#", reason: "must be a schema")),
        (##"{"minLength": -1}"##, .invalidKeyword("minLength", at: "#", reason: "must be greater than or equal to 0")),
        (##"{"minLength": 1.5}"##, .invalidKeyword("minLength", at: "#", reason: "must be an integer")),
        (##"{"maxItems": "3"}"##, .invalidKeyword("maxItems", at: "#", reason: "must be an integer")),
        (##"{"maxProperties": -2}"##, .invalidKeyword("maxProperties", at: "#", reason: "must be greater than or equal to 0")),
        (##"{"required": []}"##, .invalidKeyword("required", at: "#", reason: "must have at least one element")),
        (##"{"required": ["a", "a"]}"##, .invalidKeyword("required", at: "#", reason: "elements must be unique (\"a\" repeats)")),
        (##"{"required": [1]}"##, .invalidKeyword("required", at: "#", reason: "must contain only strings")),
        (##"{"required": "a"}"##, .invalidKeyword("required", at: "#", reason: "must be an array of strings")),
        (##"{"type": "int"}"##, .invalidKeyword("type", at: "#", reason: "unknown type \"int\"")),
        (##"{"type": []}"##, .invalidKeyword("type", at: "#", reason: "must have at least one element")),
        (##"{"type": ["string", "string"]}"##, .invalidKeyword("type", at: "#", reason: "elements must be unique")),
        (##"{"enum": []}"##, .invalidKeyword("enum", at: "#", reason: "must have at least one element")),
        (##"{"enum": [1, 1.0]}"##, .invalidKeyword("enum", at: "#", reason: "elements must be unique")),
        (##"{"multipleOf": 0}"##, .invalidKeyword("multipleOf", at: "#", reason: "must be greater than 0")),
        (##"{"maximum": "1"}"##, .invalidKeyword("maximum", at: "#", reason: "must be a number")),
        (##"{"exclusiveMaximum": true}"##, .invalidKeyword("exclusiveMaximum", at: "#", reason: "requires \"maximum\"")),
        (##"{"minimum": 1, "exclusiveMinimum": "yes"}"##, .invalidKeyword("exclusiveMinimum", at: "#", reason: "must be a boolean")),
        (##"{"uniqueItems": 1}"##, .invalidKeyword("uniqueItems", at: "#", reason: "must be a boolean")),
        (##"{"pattern": "("}"##, .invalidPattern("(", at: "#/pattern", reason: "unterminated group at offset 1")),
        (##"{"pattern": "(?<=a)b"}"##, .invalidPattern("(?<=a)b", at: "#/pattern", reason: "lookbehind is not supported at offset 0")),
        (##"{"patternProperties": {"[a-": {}}}"##, .invalidPattern("[a-", at: "#/patternProperties", reason: "unterminated character class at offset 3")),
        (##"{"allOf": []}"##, .invalidKeyword("allOf", at: "#", reason: "must have at least one schema")),
        (##"{"anyOf": {}}"##, .invalidKeyword("anyOf", at: "#", reason: "must be an array of schemas")),
        (##"{"items": []}"##, .invalidKeyword("items", at: "#", reason: "must have at least one schema")),
        (##"{"items": [1]}"##, .invalidKeyword("items", at: "#", reason: "must contain only schemas (objects)")),
        (##"{"additionalProperties": 1}"##, .invalidKeyword("additionalProperties", at: "#", reason: "must be a boolean or a schema")),
        (##"{"dependencies": {"a": 1}}"##, .invalidKeyword("dependencies", at: "#", reason: "\"a\" must be a schema or an array of property names")),
        (##"{"dependencies": {"a": []}}"##, .invalidKeyword("dependencies", at: "#", reason: "must have at least one element")),
        (##"{"title": 3}"##, .invalidKeyword("title", at: "#", reason: "must be a string")),
        (##"{"$ref": 1}"##, .invalidKeyword("$ref", at: "#", reason: "must be a string")),
        // Unreachable definitions are checked too: a model is rejected whole.
        (##"{"definitions": {"x": {"minimum": "0"}}}"##, .invalidKeyword("minimum", at: "#/definitions/x", reason: "must be a number")),
        (##"{"properties": {"a/b": {"items": {"maxLength": -1}}}}"##, .invalidKeyword("maxLength", at: "#/properties/a~1b/items", reason: "must be greater than or equal to 0")),
        (##"{"$ref": "#/definitions/missing"}"##, .unresolvableReference("#/definitions/missing", at: "#")),
        (##"{"properties": {"p": {"$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Missing"}}}"##,
         .unresolvableReference("https://apigateway.amazonaws.com/restapis/abc/models/Missing", at: "#/properties/p")),
        (##"{"$ref": "#foo"}"##, .unresolvableReference("#foo", at: "#")),
        (##"{"$ref": "#"}"##, .referenceLoop("#", at: "#")),
        (##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##,
         .referenceLoop("#/definitions/b", at: "#/definitions/a")),
        // Cycles that never enter a smaller part of the instance would recurse forever.
        (##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##, .referenceLoop("#", at: "#")),
        (##"{"definitions": {"a": {"not": {"$ref": "#"}}}, "allOf": [{"$ref": "#/definitions/a"}]}"##, .referenceLoop("#", at: "#/definitions/a")),
        (##"{"dependencies": {"x": {"$ref": "#"}}}"##, .referenceLoop("#", at: "#")),
    ]

    @Test(arguments: invalidSchemas)
    func rejectsSchemaThatIsNotValidDraft4(schema: String, expected: JSONSchemaCompileError) {
        #expect(F.compileError(schema) == expected)
    }

    @Test(arguments: [
        ##"{}"##,
        ##"{"$schema": "http://json-schema.org/draft-04/schema#", "title": "User", "type": "object", "properties": {"UserID": {"type": "string"}, "Age": {"type": "integer", "minimum": 18}}, "required": ["UserID"]}"##,
        ##"{"properties": {"child": {"$ref": "#"}}}"##,
        ##"{"items": {"$ref": "#"}}"##,
        ##"{"definitions": {"node": {"properties": {"next": {"$ref": "#/definitions/node"}}}}, "$ref": "#/definitions/node"}"##,
        ##"{"unknownKeyword": {"minLength": -1}, "format": "anything-goes"}"##,
        ##"{"pattern": "^[a-z0-9-]{3,63}$", "patternProperties": {"^x-": {"type": "string"}}}"##,
    ])
    func compilesValidDraft4Schema(schema: String) throws {
        _ = try F.compile(schema)
    }

    @Test func rejectsSchemaNestedDeeperThanTheLimit() {
        var schema = "{}"
        for _ in 0..<200 { schema = "{\"not\": " + schema + "}" }
        guard case .tooDeep? = F.compileError(schema) else { Issue.record("expected tooDeep"); return }
    }

    @Test func rejectsSchemaWithMoreNodesThanTheLimit() {
        var limits = JSONSchemaLimits()
        limits.maxNodes = 3
        #expect(F.compileError(##"{"properties": {"a": {}, "b": {}, "c": {}}}"##, limits: limits) == .tooLarge("more than 3 schemas"))
    }

    // MARK: - Models

    static let pet = "https://apigateway.amazonaws.com/restapis/abc123/models/Pet"

    static func models() -> JSONSchemaDocuments {
        JSONSchemaDocuments(restApiId: "abc123", models: [
            "Pet": F.json(##"{"type": "object", "properties": {"name": {"type": "string"}, "owner": {"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Owner"}}, "required": ["name"]}"##),
            "Owner": F.json(##"{"type": "object", "properties": {"pets": {"type": "array", "items": {"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Pet"}}}, "definitions": {"id": {"type": "string", "pattern": "^o-"}}}"##),
            "Bad": F.json(##"{"properties": {"a": {"minItems": -1}}}"##),
        ])
    }

    @Test func resolvesReferencesBetweenModelsIncludingMutualRecursion() throws {
        let schema = try F.compile(##"{"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Pet"}"##, resolver: Self.models())
        #expect(schema.isValid(F.json(##"{"name": "rex", "owner": {"pets": [{"name": "tom"}]}}"##)))
        let result = schema.validate(F.json(##"{"name": "rex", "owner": {"pets": [{"name": 1}]}}"##))
        #expect(result.violations.map(\.instancePath) == ["/owner/pets/0/name"])
        #expect(result.violations.first?.schemaPath == "\(Self.pet)#/properties/name/type")
    }

    @Test func resolvesPointerFragmentIntoAnotherModel() throws {
        let schema = try F.compile(##"{"properties": {"id": {"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Owner#/definitions/id"}}}"##, resolver: Self.models())
        #expect(schema.isValid(F.json(##"{"id": "o-1"}"##)))
        #expect(!schema.isValid(F.json(##"{"id": "x-1"}"##)))
    }

    @Test func reportsInvalidReferencedModelAtItsURL() {
        let error = F.compileError(##"{"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Bad"}"##, resolver: Self.models())
        #expect(error == .invalidKeyword("minItems", at: "https://apigateway.amazonaws.com/restapis/abc123/models/Bad#/properties/a", reason: "must be greater than or equal to 0"))
    }

    @Test func compilesModelUnderItsOwnURLSoRelativeModelNamesResolve() throws {
        let schema = try JSONSchema(compiling: F.json(##"{"properties": {"pet": {"$ref": "Pet"}}}"##),
                                    baseURI: "https://apigateway.amazonaws.com/restapis/abc123/models/Holder", resolver: Self.models())
        #expect(!schema.isValid(F.json(##"{"pet": {}}"##)))
    }

    @Test func parsesAndPrintsModelURLs() {
        #expect(APIGatewayModelURL("https://apigateway.amazonaws.com/restapis/abc123/models/Pet") == APIGatewayModelURL(restApiId: "abc123", modelName: "Pet"))
        #expect(APIGatewayModelURL("http://APIGateway.amazonaws.com/restapis/abc123/models/Pet/#/definitions/x")?.uri == Self.pet)
        #expect(APIGatewayModelURL("https://apigateway.amazonaws.com/restapis/abc123/Pet") == nil)
        #expect(APIGatewayModelURL("https://example.com/restapis/abc123/models/Pet") == nil)
        #expect(APIGatewayModelURL("https://apigateway.amazonaws.com/restapis//models/Pet") == nil)
    }
}
