import Testing
@testable import ControlPlane
import Shared

@Suite struct OpenAPIImporterTests {
    static let minimal = """
    openapi: 3.0.1
    info: {title: t, version: "1"}
    paths: {}
    """

    /// Documents that are not OpenAPI 2.0/3.0 are refused with AWS's (moto's) messages.
    @Test(arguments: [
        ("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaaths: {}\n",
         "Failed to parse the uploaded OpenAPI document due to: 'paths' is a required property"),
        ("openapi: 3.0.0\npaths: {}\n", "Failed to parse the uploaded OpenAPI document due to: 'info' is a required property"),
        ("openapi: 3.0.0\ninfo: {version: '1'}\npaths: {}\n", "Failed to parse the uploaded OpenAPI document due to: 'title' is a required property"),
        (#"{"openapi": "2.0.0", "info": {"title": "t"}, "paths": {}}"#, "Only OpenAPI 3.x.x are currently supported"),
        ("openapi: 3.1.0\ninfo: {title: t}\npaths: {}\n", "Only OpenAPI 3.x.x are currently supported"),
        ("swagger: '1.2'\ninfo: {title: t}\npaths: {}\n", "Only OpenAPI 3.x.x are currently supported"),
        ("info: {title: t}\npaths: {}\n", "Failed to parse the uploaded OpenAPI document due to: 'openapi' is a required property"),
        ("- a list\n", "Failed to parse the uploaded OpenAPI document due to: the document is not an object"),
        ("a: [unclosed\n", "Failed to parse the uploaded OpenAPI document due to: "),
    ])
    func refusesWhatIsNotAnOpenAPIDocument(text: String, message: String) {
        #expect {
            try OpenAPIFixtures.definition(text)
        } throws: { error in
            (error as? OpenAPIImportError)?.message.hasPrefix(message) == true
        }
    }

    @Test func readsPathsIntoMethodsWithParametersResponsesAndModels() throws {
        let content = try OpenAPIFixtures.content(String(decoding: try OpenAPIFixtures.bytes("petstore-v3.yaml"), as: UTF8.self))
        #expect(content.api.name == "Swagger Petstore" && content.api.version == "1.0.0")
        #expect(content.resources.map(\.path) == ["/", "/pets", "/pets/{petId}"])
        let list = try #require(content.method("/pets", "GET"))
        #expect(list.operationName == "listPets")
        #expect(list.requestParameters == ["method.request.querystring.limit": false])
        #expect(list.methodResponses?["200"]?.responseParameters == ["method.response.header.x-next": false])
        #expect(list.methodResponses?["200"]?.responseModels == ["application/json": "Pets"])
        #expect(list.methodResponses?["default"] == nil)
        #expect(content.method("/pets/{petId}", "GET")?.requestParameters == ["method.request.path.petId": true])
        #expect(content.models?.map(\.name) == ["Pet", "Pets", "Error"])
        let pets = try #require(content.models?.first { $0.name == "Pets" }?.schema)
        #expect(pets.contains(#""$ref":"https://apigateway.amazonaws.com/restapis/api1234567/models/Pet""#))
    }

    @Test func swaggerBodyParametersAndSchemasBecomeModels() throws {
        let content = try OpenAPIFixtures.content(String(decoding: try OpenAPIFixtures.bytes("aws-example-petstore.json"), as: UTF8.self))
        #expect(content.method("/pets", "POST")?.requestModels == ["application/json": "NewPet"])
        #expect(content.method("/pets", "POST")?.methodResponses?["200"]?.responseModels == ["application/json": "NewPetResponse"])
        let root = try #require(content.method("/", "GET")?.methodIntegration)
        #expect(root.type == "MOCK" && root.passthroughBehavior == "WHEN_NO_MATCH")
        #expect(root.integrationResponses?["200"]?.responseParameters == ["method.response.header.Content-Type": "'text/html'"])
        let definition = try OpenAPIFixtures.definition(String(decoding: try OpenAPIFixtures.bytes("aws-example-petstore.json"), as: UTF8.self))
        #expect(definition.documentationParts?.count == 8 && definition.documentationVersion == "v2.1")
    }

    /// `basepath`: AWS's three readings of `/a/b/c` with a path `/e`.
    @Test(arguments: [
        (OpenAPIImportOptions.BasePath.ignore, ["/", "/e"]),
        (.prepend, ["/", "/a", "/a/b", "/a/b/c", "/a/b/c/e"]),
        (.split, ["/", "/b", "/b/c", "/b/c/e"]),
    ])
    func basePathIsIgnoredPrependedOrSplit(mode: OpenAPIImportOptions.BasePath, paths: [String]) throws {
        let options = OpenAPIImportOptions(basePath: mode)
        for text in ["swagger: '2.0'\ninfo: {title: t}\nbasePath: /a/b/c\npaths: {/e: {get: {responses: {}}}}\n",
                     "openapi: 3.0.1\ninfo: {title: t}\nservers: [{url: 'https://x.example.com/a/b/c'}]\npaths: {/e: {get: {responses: {}}}}\n",
                     "openapi: 3.0.1\ninfo: {title: t}\nservers: [{url: 'https://x/{basePath}', variables: {basePath: {default: /a/b/c}}}]\npaths: {/e: {get: {responses: {}}}}\n"] {
            #expect(try OpenAPIFixtures.content(text, options: options).resources.map(\.path) == paths)
        }
    }

    @Test func securityMapsToAuthorizersIAMAndApiKeys() throws {
        let content = try OpenAPIFixtures.content(String(decoding: try OpenAPIFixtures.bytes("every-extension.yaml"), as: UTF8.self))
        let token = try #require(content.authorizers?.first { $0.name == "token-authorizer" })
        #expect(token.type == "TOKEN" && token.identitySource == "method.request.header.Authorization")
        #expect(token.authorizerResultTtlInSeconds == 60 && token.authType == "custom")
        let list = try #require(content.method("/pets", "GET"))
        #expect(list.authorizationType == "CUSTOM" && list.authorizerId == token.id && list.apiKeyRequired)
        let create = try #require(content.method("/pets", "POST"))
        #expect(create.authorizationType == "COGNITO_USER_POOLS" && create.authorizationScopes == ["pets/write"])
        #expect(create.requestValidatorId == content.requestValidators?.first { $0.name == "all" }?.id)
        #expect(list.requestValidatorId == content.requestValidators?.first { $0.name == "params-only" }?.id)
        #expect(content.method("/pets/{petId}", "DELETE")?.authorizationType == "AWS_IAM")
        #expect(content.method("/admin", "GET")?.authorizationType == "AWS_IAM")
        #expect(content.method("/{proxy+}", "ANY")?.methodIntegration?.type == "HTTP_PROXY")
    }

    @Test func readsEveryApiLevelExtension() throws {
        let content = try OpenAPIFixtures.content(String(decoding: try OpenAPIFixtures.bytes("every-extension.yaml"), as: UTF8.self))
        let api = content.api
        #expect(api.apiKeySource == "AUTHORIZER" && api.minimumCompressionSize == 1024)
        #expect(api.binaryMediaTypes == ["image/png", "application/octet-stream"])
        #expect(api.policy?.contains(#""Action":"execute-api:Invoke""#) == true)
        #expect(api.disableExecuteApiEndpoint)
        #expect(content.gatewayResponses?.map(\.responseType) == ["DEFAULT_4XX", "MISSING_AUTHENTICATION_TOKEN"])
        #expect(content.gatewayResponses?.last?.statusCode == "404")
        let integration = try #require(content.method("/pets", "GET")?.methodIntegration)
        #expect(integration.passthroughBehavior == "WHEN_NO_TEMPLATES" && integration.timeoutInMillis == 5000)
        #expect(integration.cacheNamespace == "pets" && integration.cacheKeyParameters == ["method.request.querystring.type"])
        #expect(integration.tlsConfig?.insecureSkipVerification == true && integration.contentHandling == "CONVERT_TO_TEXT")
        #expect(integration.integrationResponses?["400"]?.selectionPattern == #"4\d{2}"#)
        #expect(integration.integrationResponses?["200"]?.selectionPattern == nil)
        // A namespace not given is the resource's id, as PutIntegration defaults it.
        let proxy = try #require(content.resources.first { $0.path == "/{proxy+}" })
        #expect(proxy.resourceMethods?["ANY"]?.methodIntegration?.cacheNamespace == proxy.id)
        // An inline response schema becomes a model of its own.
        #expect(content.method("/pets/{petId}", "GET")?.methodResponses?["200"]?.responseModels == ["application/json": "Inline1"])
    }

    /// Errors are listed together, in AWS's "Errors found during import:" form, and nothing is built.
    @Test(arguments: [
        ("paths: {/p: {get: {responses: {'200': {description: x}}, x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: 'not a url'}}}}",
         "Unable to put integration on 'GET' for resource at path '/p': Invalid HTTP endpoint specified for URI"),
        ("paths: {/p: {get: {responses: {}, x-amazon-apigateway-integration: {type: mock, responses: {default: {statusCode: '200'}}}}}}",
         "Unable to put integration response on 'GET' for resource at path '/p': Invalid Response status code specified: 200"),
        ("paths: {/p: {get: {responses: {}, x-amazon-apigateway-request-validator: nope}}}",
         "Unable to put method 'GET' on resource at path '/p': Invalid Request Validator identifier specified"),
        ("paths: {/p: {get: {responses: {'200': {description: x, content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}}}}}",
         "Unable to resolve the schema reference '#/components/schemas/Missing' in method 'GET /p'"),
        ("paths: {/p: {get: {security: [{nobody: []}], responses: {}}}}", "Invalid security of method 'GET /p': no security scheme named 'nobody'"),
        ("paths: {'/a/{x}': {get: {responses: {}}}, '/a/{y}': {get: {responses: {}}}}",
         "Unable to create resource at path '/a/{y}': A sibling ({x}) of this resource already has a variable path part -- only one is allowed"),
        ("paths: {'/p q': {get: {responses: {}}}}", "Invalid resource path '/p q': invalid path part 'p q'"),
        ("x-amazon-apigateway-minimum-compression-size: -1\npaths: {}", "Invalid minimum compression size, must be between 0 and 10485760"),
        ("x-amazon-apigateway-gateway-responses: {NOPE: {statusCode: '400'}}\npaths: {}",
         "Unable to put gateway response 'NOPE': Invalid gateway response type specified: NOPE"),
        ("components: {schemas: {Bad-Name: {type: object}}}\npaths: {}", "Unable to create model 'Bad-Name': Model name must be alphanumeric: Bad-Name"),
        ("components: {securitySchemes: {a: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: {type: token}}}}\npaths: {}",
         "Unable to create authorizer 'a': Authorizer URI must be specified for a TOKEN authorizer"),
    ])
    func reportsErrorsTheWayAWSDoes(body: String, line: String) {
        let text = "openapi: 3.0.1\ninfo: {title: t}\n" + body + "\n"
        #expect {
            try OpenAPIFixtures.content(text)
        } throws: { error in
            guard case .errors(let lines) = error as? OpenAPIImportError else { return false }
            return lines.contains(line) && (error as! OpenAPIImportError).message.hasPrefix("Errors found during import:\n\t")
        }
    }

    /// What the import skips is a warning (refused by the handler under `failonwarnings=true`).
    @Test(arguments: [
        ("paths: {/p: {get: {responses: {default: {description: x}}}}}", "Unable to create method response 'default'"),
        ("paths: {/p: {get: {parameters: [{name: c, in: cookie}], responses: {}}}}", "Unsupported parameter location 'cookie'"),
        ("x-amazon-apigateway-cors: {allowOrigins: ['*']}\npaths: {}", "x-amazon-apigateway-cors applies to HTTP APIs only"),
        ("x-amazon-apigateway-made-up: 1\npaths: {}", "Unsupported extension x-amazon-apigateway-made-up"),
        ("components: {securitySchemes: {basic: {type: http, scheme: basic}}}\npaths: {/p: {get: {security: [{basic: []}], responses: {}}}}",
         "Unsupported security scheme 'basic'"),
    ])
    func warnsAboutWhatItSkips(body: String, warning: String) throws {
        let definition = try OpenAPIFixtures.definition("openapi: 3.0.1\ninfo: {title: t}\n" + body + "\n")
        #expect(definition.warnings.contains { $0.hasPrefix(warning) }, "\(definition.warnings)")
    }

    @Test func ignoreDocumentationLeavesDocumentationOut() throws {
        let text = String(decoding: try OpenAPIFixtures.bytes("aws-example-petstore.json"), as: UTF8.self)
        #expect(try OpenAPIFixtures.definition(text, options: OpenAPIImportOptions(ignoreDocumentation: true)).documentationParts == nil)
    }

    /// PutRestApi's modes: `merge` keeps what the document does not name, `overwrite` replaces all.
    @Test func mergeKeepsOtherMethodsAndOverwriteReplacesTheTree() throws {
        let first = try OpenAPIFixtures.content("openapi: 3.0.1\ninfo: {title: one}\npaths: {/a: {get: {responses: {}}}}\n")
        let second = try OpenAPIFixtures.definition("openapi: 3.0.1\ninfo: {title: two}\npaths: {/b: {post: {responses: {}}}}\n")
        let merged = try second.applied(to: first, apiId: "", now: 0, options: OpenAPIImportOptions(mode: .merge))
        #expect(merged.method("/a", "GET") != nil && merged.method("/b", "POST") != nil)
        #expect(merged.api.rootResourceId == first.api.rootResourceId && merged.api.name == "two")
        let replaced = try second.applied(to: first, apiId: "", now: 0, options: OpenAPIImportOptions(mode: .overwrite))
        #expect(replaced.method("/a", "GET") == nil && replaced.method("/b", "POST") != nil)
        #expect(replaced.api.id == first.api.id && replaced.api.rootResourceId != first.api.rootResourceId)
    }

    @Test(arguments: [
        (["mode": ["replace"]], #"Enumeration value of OpenAPI import mode must be "overwrite" or "merge""#),
        (["basepath": ["up"]], "Invalid value for basepath parameter: up. Valid values are: ignore, prepend, split"),
        (["endpointConfigurationTypes": ["GLOBAL"]], "Invalid endpoint configuration type specified: GLOBAL"),
        (["ignore": ["models"]], "Invalid value for ignore parameter: models. Valid values are: documentation"),
    ])
    func refusesUnknownQueryParameters(query: [String: [String]], message: String) {
        #expect(throws: OpenAPIImportError.invalidParameter(message)) { try OpenAPIImportOptions(query: query) }
    }
}
