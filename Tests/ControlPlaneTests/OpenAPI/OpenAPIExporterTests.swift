import Testing
@testable import ControlPlane
import Shared

@Suite struct OpenAPIExporterTests {
    /// `documentation`: the parts and version GetExport would read from the store, here those the
    /// definition read from the document.
    static func export(_ content: DeploymentContent, _ format: OpenAPIExporter.Format,
                       _ extensions: OpenAPIExporter.Extensions = .all, documentation: OpenAPIDefinition? = nil) -> JSONValue {
        OpenAPIExporter(content: content, format: format, stageName: "prod", region: "us-east-1", deployedAt: 1_700_000_000,
                        extensions: extensions, documentationParts: documentation?.documentationParts ?? [],
                        documentationVersion: documentation?.documentationVersion).document()
    }

    /// export → import → export gives the same document, for every fixture, both formats, JSON and YAML.
    @Test(arguments: OpenAPIFixtures.names, [OpenAPIExporter.Format.oas30, .swagger])
    func exportImportExportIsStable(fixture: String, format: OpenAPIExporter.Format) throws {
        let text = String(decoding: try OpenAPIFixtures.bytes(fixture), as: UTF8.self)
        let first = Self.export(try OpenAPIFixtures.content(text), format, documentation: try OpenAPIFixtures.definition(text))
        for written in [first.serialized(), YAMLWriter.write(first)] {
            let again = try OpenAPIFixtures.content(written)
            let second = Self.export(again, format, documentation: try OpenAPIFixtures.definition(written))
            #expect(second == first, "\(fixture) \(format):\n\(first.serialized())\n\(second.serialized())")
        }
    }

    @Test func writesOpenAPI30WithServersComponentsAndExtensions() throws {
        let text = String(decoding: try OpenAPIFixtures.bytes("every-extension.yaml"), as: UTF8.self)
        let document = Self.export(try OpenAPIFixtures.content(text), .oas30, documentation: try OpenAPIFixtures.definition(text))
        #expect(document["openapi"]?.string == "3.0.1")
        #expect(document["info"]?["version"]?.string == "2024-05-01")
        #expect(document["servers"]?.items?.first?["variables"]?["basePath"]?["default"]?.string == "prod")
        #expect(document["paths"]?["/{proxy+}"]?["x-amazon-apigateway-any-method"] != nil)
        #expect(document["paths"]?["/pets"]?["get"]?["x-amazon-apigateway-integration"]?["type"]?.string == "http")
        let schemas = try #require(document["components"]?["schemas"])
        #expect(schemas["Pets"]?["items"]?["$ref"]?.string == "#/components/schemas/Pet")
        #expect(document["components"]?["securitySchemes"]?["token-authorizer"]?["x-amazon-apigateway-authorizer"]?["type"]?.string == "token")
        for key in ["x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-request-validators",
                    "x-amazon-apigateway-policy", "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-minimum-compression-size",
                    "x-amazon-apigateway-documentation"] {
            #expect(document[key] != nil, "\(key)")
        }
    }

    @Test func writesSwagger20WithHostBasePathAndDefinitions() throws {
        let text = String(decoding: try OpenAPIFixtures.bytes("aws-example-petstore.json"), as: UTF8.self)
        let document = Self.export(try OpenAPIFixtures.content(text), .swagger)
        #expect(document["swagger"]?.string == "2.0" && document["basePath"]?.string == "/prod")
        #expect(document["host"]?.string == "api1234567.execute-api.us-east-1.amazonaws.com")
        #expect(document["definitions"]?["Pets"]?["items"]?["$ref"]?.string == "#/definitions/Pet")
        let post = try #require(document["paths"]?["/pets"]?["post"])
        #expect(post["parameters"]?.items?.first?["in"]?.string == "body")
        #expect(post["parameters"]?.items?.first?["schema"]?["$ref"]?.string == "#/definitions/NewPet")
    }

    /// Without `extensions`, an export is plain OpenAPI: no x-amazon-apigateway-* anywhere.
    @Test func extensionsAreWrittenOnlyWhenAskedFor() throws {
        let text = String(decoding: try OpenAPIFixtures.bytes("every-extension.yaml"), as: UTF8.self)
        let content = try OpenAPIFixtures.content(text)
        // Only the ANY method's key, which OpenAPI has no word for, and IAM's auth type stay.
        let plain = Self.export(content, .oas30, []).serialized()
            .replacing("x-amazon-apigateway-any-method", with: "").replacing(#""x-amazon-apigateway-authtype":"awsSigv4""#, with: "")
        #expect(!plain.contains("x-amazon-apigateway-"), "\(plain)")
        let integrations = Self.export(content, .oas30, [.integrations]).serialized()
        #expect(integrations.contains("x-amazon-apigateway-integration") && !integrations.contains("x-amazon-apigateway-authorizer"))
        #expect(!integrations.contains("x-amazon-apigateway-gateway-responses"))
        let authorizers = Self.export(content, .oas30, [.authorizers]).serialized()
        #expect(authorizers.contains("x-amazon-apigateway-authorizer") && !authorizers.contains("x-amazon-apigateway-integration"))
    }

    /// A method naming the built-in `Empty` model exports its schema, so the export imports again.
    @Test func builtInModelsNamedByMethodsAreWritten() throws {
        var content = try OpenAPIFixtures.content("openapi: 3.0.1\ninfo: {title: t}\npaths: {/a: {get: {responses: {}}}}\n")
        let index = try #require(content.resources.firstIndex { $0.path == "/a" })
        content.resources[index].resourceMethods?["GET"]?.methodResponses = ["200": MethodResponse(statusCode: "200", responseModels: ["application/json": "Empty"])]
        let document = Self.export(content, .oas30)
        #expect(document["components"]?["schemas"]?["Empty"]?["title"]?.string == "Empty Schema")
        #expect(try OpenAPIFixtures.content(document.serialized()).models?.map(\.name) == ["Empty"])
    }
}
