import Testing
@testable import Shared

/// A method's validator and models compile into `CompiledRequestValidation` with the deployment:
/// the required parameters in AWS's order, models with `$ref`s to the API's other models, and a
/// refusal for a model that cannot be compiled.
@Suite struct RequestValidationCompilerTests {
    static let apiId = "abc123defg"

    static func content(validator: RequestValidator?, parameters: [String: Bool]? = nil, models: [String: String]? = nil,
                        definitions: [Model] = []) -> DeploymentContent {
        var method = CompileFixtures.method("POST", Integration(type: "MOCK"))
        method.requestValidatorId = validator?.id
        method.requestParameters = parameters
        method.requestModels = models
        var content = CompileFixtures.content([("/pets/{petId}", ["POST": method])], apiId: apiId)
        content.requestValidators = validator.map { [$0] }
        content.models = definitions
        return content
    }

    static func validation(_ content: DeploymentContent) throws -> CompiledRequestValidation? {
        try CompileFixtures.compileOne(content).routes.first?.requestValidation
    }

    static let both = RequestValidator(id: "rv0001", name: "all", validateRequestBody: true, validateRequestParameters: true)
    static let parametersOnly = RequestValidator(id: "rv0002", name: "params", validateRequestParameters: true)
    static let bodyOnly = RequestValidator(id: "rv0003", name: "body", validateRequestBody: true)

    @Test func requiredParametersAreOrderedByTheirFullKeyAsAWSListsThem() throws {
        let parameters = ["method.request.querystring.qs1": true, "method.request.path.issuer": true,
                          "method.request.header.x-header-param": true, "method.request.querystring.optional": false,
                          "method.request.header.A-First": true]
        let compiled = try #require(try Self.validation(Self.content(validator: Self.parametersOnly, parameters: parameters)))
        #expect(compiled.requiredParameters.map(\.name) == ["A-First", "x-header-param", "issuer", "qs1"])
        #expect(compiled.requiredParameters.map(\.location) == [.header, .header, .path, .querystring])
        #expect(compiled.bodyModels.isEmpty)
    }

    @Test func aValidatorThatChecksNothingTheMethodDeclaresCompilesToNothing() throws {
        let models = ["application/json": "Empty"]
        #expect(try Self.validation(Self.content(validator: Self.parametersOnly, models: models)) == nil)
        #expect(try Self.validation(Self.content(validator: Self.bodyOnly, parameters: ["method.request.header.h": true])) == nil)
        #expect(try Self.validation(Self.content(validator: RequestValidator(id: "rv0004", name: "none"),
                                                 parameters: ["method.request.header.h": true], models: models)) == nil)
        #expect(try Self.validation(Self.content(validator: nil, parameters: ["method.request.header.h": true], models: models)) == nil)
    }

    @Test func bodyModelsResolveReferencesToOtherModelsOfTheAPI() throws {
        let pet = Model(id: "m1", name: "Pet", schema: #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"#,
                        contentType: "application/json")
        let order = Model(id: "m2", name: "Order", schema: #"""
            {"type": "object", "required": ["pet"], "properties": {
              "pet": {"$ref": "https://apigateway.amazonaws.com/restapis/\#(Self.apiId)/models/Pet"}}}
            """#, contentType: "application/json")
        let content = Self.content(validator: Self.bodyOnly, models: ["application/json": "Order", "$default": "Empty"],
                                   definitions: [order, pet])
        let compiled = try #require(try Self.validation(content))
        #expect(compiled.bodyModels.map(\.contentType) == ["$default", "application/json"])
        let schema = try #require(compiled.bodyModel(forContentType: "application/json")?.schema)
        #expect(schema.isValid(try JSONParser.parse(Array(#"{"pet": {"name": "Rex"}}"#.utf8))))
        #expect(!schema.isValid(try JSONParser.parse(Array(#"{"pet": {"name": 3}}"#.utf8))))
        #expect(!schema.isValid(try JSONParser.parse(Array(#"{"pet": {}}"#.utf8))))
    }

    @Test(arguments: [
        // (Content-Type, declared models, the model chosen)
        ("application/json", ["application/json": "A"], "A"),
        ("Application/JSON; charset=utf-8", ["application/json": "A"], "A"),
        (nil, ["application/json": "A"], "A"),                                   // no Content-Type: application/json
        ("text/plain", ["application/json": "A"], nil),                           // no match: not validated
        ("text/plain", ["application/json": "A", "$default": "D"], "D"),         // no match: $default
        ("application/xml", ["application/xml": "X", "$default": "D"], "X"),
        (nil, ["$default": "D"], "D"),
    ] as [(String?, [String: String], String?)])
    func theBodyModelIsTheOneForTheMediaTypeElseDefault(contentType: String?, declared: [String: String], chosen: String?) throws {
        let definitions = ["A", "D", "X"].map { Model(id: "m\($0)", name: $0, schema: #"{"type": "object"}"#, contentType: "application/json") }
        let compiled = try #require(try Self.validation(Self.content(validator: Self.bodyOnly, models: declared, definitions: definitions)))
        #expect(compiled.bodyModel(forContentType: contentType)?.modelName == chosen)
    }

    @Test func theBuiltInModelsNeedNoDefinition() throws {
        let compiled = try #require(try Self.validation(Self.content(validator: Self.both, models: ["application/json": "Empty",
                                                                                                  "application/xml": "Error"])))
        let empty = try #require(compiled.bodyModel(forContentType: nil)?.schema)
        #expect(empty.isValid(.object([])))
        #expect(!empty.isValid(.array([])))
        let error = try #require(compiled.bodyModel(forContentType: "application/xml")?.schema)
        #expect(!error.isValid(.object([("message", .number(1))])))
    }

    @Test(arguments: [
        ("Missing", "no such model"),
        ("Dangling", "Dangling"),
        ("Broken", "not JSON"),
    ])
    func aModelThatCannotBeCompiledRefusesTheDeployment(model: String, reasonContains: String) {
        let definitions = [
            Model(id: "m1", name: "Dangling", schema: #"{"$ref": "https://apigateway.amazonaws.com/restapis/\#(Self.apiId)/models/Nope"}"#,
                  contentType: "application/json"),
            Model(id: "m2", name: "Broken", schema: "{", contentType: "application/json"),
        ]
        let content = Self.content(validator: Self.bodyOnly, models: ["application/json": model], definitions: definitions)
        let message = SnapshotCompiler.validationMessage(for: content)
        #expect(message?.hasPrefix("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified for model \(model)") == true)
        #expect(message?.contains(reasonContains) == true)
        #expect(throws: CompileError.self) { try CompileFixtures.compileOne(content) }
    }

    @Test func aBrokenModelNoValidatedMethodUsesIsNoObstacle() throws {
        let definitions = [Model(id: "m2", name: "Broken", schema: "{", contentType: "application/json")]
        let content = Self.content(validator: Self.bodyOnly, models: ["application/json": "Empty"], definitions: definitions)
        #expect(SnapshotCompiler.validationMessage(for: content) == nil)
    }

    @Test func aMethodNamingAValidatorTheDeploymentLacksIsRefused() {
        var content = Self.content(validator: Self.both, parameters: ["method.request.header.h": true])
        content.requestValidators = []
        #expect(SnapshotCompiler.validationMessage(for: content) == "Invalid Request Validator identifier specified")
    }

    @Test func stagesOfOneDeploymentShareTheCompiledModel() throws {
        let content = Self.content(validator: Self.bodyOnly, models: ["application/json": "Empty"])
        var schemas = ModelSchemaCache()
        let ref = CompileError.MethodRef(resourcePath: "/pets", httpMethod: "POST")
        let first = try schemas.schema(named: "Empty", in: content, ref: ref)
        var edited = content
        edited.models = [Model(id: "m9", name: "Empty", schema: #"{"type": "array"}"#, contentType: "application/json")]
        let second = try schemas.schema(named: "Empty", in: edited, ref: ref)
        #expect(first.isValid(.object([])) && !second.isValid(.object([])))
        #expect(try schemas.schema(named: "Empty", in: edited, ref: ref).isValid(.array([])))
    }
}
