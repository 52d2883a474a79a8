import Testing
@testable import ControlPlane
import Shared

/// The OpenAPI 3.0 reader of ImportApi/ReimportApi: routes, integrations, authorizers, CORS, base
/// paths, warnings and refusals, without a store.
@Suite struct V2OpenAPIImporterTests {
    static let lambdaUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"

    /// A counter for ids, so expectations can name them.
    final class Ids: @unchecked Sendable {
        var next = 0
        func fresh() -> String { next += 1; return "id\(next)" }
    }

    static func read(_ text: String, basePath: OpenAPIImportOptions.BasePath = .ignore) throws -> V2ImportedDefinition {
        let ids = Ids()
        return try V2OpenAPIImporter.definition(of: try OpenAPIImporter.read(Array(text.utf8)), basePath: basePath, freshId: ids.fresh)
    }

    static func errors(_ text: String) -> [String] {
        do {
            _ = try read(text)
            return []
        } catch let OpenAPIImportError.errors(lines) {
            return lines
        } catch {
            return ["\(error)"]
        }
    }

    static let yaml = """
        openapi: 3.0.1
        info:
          title: pets
          version: '2.0'
          description: the pet store
        x-amazon-apigateway-importexport-version: '1.0'
        x-amazon-apigateway-cors:
          allowOrigins: [https://a.example]
          allowMethods: [GET]
          maxAge: 300
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              security:
                - jwt: [read]
              x-amazon-apigateway-integration:
                type: HTTP_PROXY
                httpMethod: GET
                uri: https://backend.example/pets/{id}
                payloadFormatVersion: '1.0'
                timeoutInMillis: 5000
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-auth:
                type: AWS_IAM
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: \(lambdaUri)
                payloadFormatVersion: '2.0'
          $default:
            x-amazon-apigateway-any-method:
              security:
                - lambda: []
              x-amazon-apigateway-integration:
                $ref: '#/components/x-amazon-apigateway-integrations/shared'
        components:
          securitySchemes:
            jwt:
              type: oauth2
              x-amazon-apigateway-authorizer:
                type: jwt
                identitySource: $request.header.Authorization
                jwtConfiguration:
                  issuer: https://issuer.example
                  audience: [pets]
            lambda:
              type: apiKey
              name: Unused
              in: header
              x-amazon-apigateway-authorizer:
                type: request
                identitySource: $request.header.X-Key
                authorizerUri: \(lambdaUri)
                authorizerPayloadFormatVersion: '2.0'
                enableSimpleResponses: true
          x-amazon-apigateway-integrations:
            shared:
              type: http_proxy
              httpMethod: ANY
              uri: https://backend.example
              payloadFormatVersion: '1.0'
        """

    @Test func readsRoutesIntegrationsAuthorizersAndCorsFromYAML() throws {
        let definition = try Self.read(Self.yaml)
        #expect(definition.name == "pets" && definition.version == "2.0" && definition.description == "the pet store")
        #expect(definition.cors == V2Cors(allowMethods: ["GET"], allowOrigins: ["https://a.example"], maxAge: 300))
        #expect(definition.warnings.isEmpty)
        #expect(definition.routes.map(\.routeKey) == ["GET /pets/{id}", "ANY /pets/{id}", "$default"])
        let jwt = try #require(definition.authorizers.first { $0.name == "jwt" })
        #expect(jwt.authorizerType == "JWT" && jwt.jwtConfiguration == V2JwtConfiguration(audience: ["pets"], issuer: "https://issuer.example"))
        #expect(jwt.identitySource == ["$request.header.Authorization"])
        let lambda = try #require(definition.authorizers.first { $0.name == "lambda" })
        #expect(lambda.authorizerType == "REQUEST" && lambda.enableSimpleResponses == true)

        let get = definition.routes[0]
        #expect(get.authorizationType == "JWT" && get.authorizerId == jwt.authorizerId && get.authorizationScopes == ["read"])
        #expect(get.operationName == "getPet")
        let getIntegration = try #require(definition.integrations.first { "integrations/\($0.integrationId)" == get.target })
        #expect(getIntegration.integrationType == "HTTP_PROXY" && getIntegration.integrationMethod == "GET")
        #expect(getIntegration.timeoutInMillis == 5000 && getIntegration.connectionType == "INTERNET")
        #expect(definition.routes[1].authorizationType == "AWS_IAM")
        let proxy = try #require(definition.integrations.first { "integrations/\($0.integrationId)" == definition.routes[1].target })
        #expect(proxy.integrationType == "AWS_PROXY" && proxy.payloadFormatVersion == "2.0")
        #expect(definition.routes[2].authorizationType == "CUSTOM" && definition.routes[2].authorizerId == lambda.authorizerId)
        #expect(definition.integrations.count == 3)
    }

    @Test func integrationsNamedByRefAreSharedByTheirRoutes() throws {
        let definition = try Self.read("""
            {"openapi": "3.0.1", "info": {"title": "t"}, "paths": {
              "/a": {"get": {"x-amazon-apigateway-integration": {"$ref": "#/components/x-amazon-apigateway-integrations/i"}}},
              "/b": {"get": {"x-amazon-apigateway-integration": {"$ref": "#/components/x-amazon-apigateway-integrations/i"}}}},
             "components": {"x-amazon-apigateway-integrations": {"i": {"type": "HTTP_PROXY", "httpMethod": "GET",
               "uri": "https://b.example", "payloadFormatVersion": "1.0"}}}}
            """)
        #expect(definition.integrations.count == 1)
        #expect(definition.routes.map(\.target) == ["integrations/\(definition.integrations[0].integrationId)",
                                                    "integrations/\(definition.integrations[0].integrationId)"])
    }

    @Test func theBasePathIsIgnoredPrependedOrSplit() throws {
        let text = """
            {"openapi": "3.0.1", "info": {"title": "t"},
             "servers": [{"url": "https://x.example/{basePath}", "variables": {"basePath": {"default": "v1/pets"}}}],
             "paths": {"/a": {"get": {}}}}
            """
        #expect(try Self.read(text).routes.map(\.routeKey) == ["GET /a"])
        #expect(try Self.read(text, basePath: .prepend).routes.map(\.routeKey) == ["GET /v1/pets/a"])
        #expect(try Self.read(text, basePath: .split).routes.map(\.routeKey) == ["GET /pets/a"])
    }

    @Test func aMissingSchemaReferenceIsAWarningInAWSWords() throws {
        let definition = try Self.read("""
            {"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/update": {"get": {"responses": {"200": {
              "description": "d", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}}
            """)
        #expect(definition.warnings == ["Parse issue: attribute paths.'/update'(get).responses.200.content.schema.#/components/schemas/Missing is missing"])
    }

    @Test(arguments: [
        // Swagger 2.0 is a REST API format; HTTP APIs import OpenAPI 3.0 only.
        (#"{"swagger": "2.0", "info": {"title": "t"}, "paths": {}}"#, "Only OpenAPI 3.x.x"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "x-amazon-apigateway-importexport-version": "2.0", "paths": {}}"#,
         "importexport-version"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "MOCK"}}}}}"#,
         "x-amazon-apigateway-integration"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/a": {"get": {"security": [{"nope": []}]}}}}"#,
         "security scheme nope is not defined"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"$default": {"get": {}}}}"#, "$default path"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "x-amazon-apigateway-cors": {"maxAge": 90000}, "paths": {}}"#, "maxAge"),
        (#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {}, "components": {"securitySchemes": {"s": {"type": "oauth2", "x-amazon-apigateway-authorizer": {"type": "jwt", "identitySource": "$request.header.Authorization", "jwtConfiguration": {"issuer": "http://insecure.example", "audience": ["a"]}}}}}}"#,
         "issuer"),
    ])
    func refusesWhatAnHTTPApiCannotHonour(document: String, expected: String) {
        let refusal: String
        do {
            _ = try Self.read(document)
            refusal = "accepted"
        } catch {
            refusal = (error as? OpenAPIImportError)?.message ?? "\(error)"
        }
        #expect(refusal.contains(expected), "\(refusal)")
    }

    @Test func anUnquotedYAMLImportExportVersionIsTheSameVersion() throws {
        let definition = try Self.read("openapi: 3.0.1\ninfo:\n  title: t\nx-amazon-apigateway-importexport-version: 1.0\npaths: {}\n")
        #expect(definition.name == "t")
    }

    @Test func unknownMembersAreWarningsNotSilentlyDropped() throws {
        let definition = try Self.read("""
            {"openapi": "3.0.1", "info": {"title": "t"}, "x-amazon-apigateway-cors": {"allow_methods": ["GET"]},
             "x-amazon-apigateway-policy": {}, "paths": {}}
            """)
        #expect(definition.cors == V2Cors())
        #expect(definition.warnings.count == 2)
    }
}
