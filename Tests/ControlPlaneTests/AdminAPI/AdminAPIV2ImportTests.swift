import Foundation
import Testing
@testable import ControlPlane
import Shared

/// apigatewayv2 ImportApi / ReimportApi / ExportApi through the admin API.
@Suite struct AdminAPIV2ImportTests {
    static let document = """
        {"openapi": "3.0.1", "info": {"title": "pets", "version": "3"},
         "x-amazon-apigateway-cors": {"allowOrigins": ["https://a.example"], "allowMethods": ["GET", "POST"], "maxAge": 60},
         "paths": {
           "/pets/{id}": {"get": {"security": [{"jwt": ["read"]}], "x-amazon-apigateway-integration": {
               "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://backend.example/pets/{id}", "payloadFormatVersion": "1.0",
               "timeoutInMillis": 5000, "requestParameters": {"append:header.x-from": "import"}}}},
           "$default": {"x-amazon-apigateway-any-method": {"x-amazon-apigateway-integration": {
               "type": "AWS_PROXY", "uri": "arn:aws:lambda:us-east-1:123456789012:function:f", "payloadFormatVersion": "2.0"}}}},
         "components": {"securitySchemes": {"jwt": {"type": "oauth2", "x-amazon-apigateway-authorizer": {"type": "jwt",
           "identitySource": "$request.header.Authorization",
           "jwtConfiguration": {"issuer": "https://issuer.example", "audience": ["pets"]}}}}}}
        """

    /// The API's routes, integrations and authorizers without ids, in a comparable form.
    static func shape(_ h: AdminHarness, _ id: String) -> [String] {
        let integrations = h.call("GET", "/v2/apis/\(id)/integrations").items
        let authorizers = h.call("GET", "/v2/apis/\(id)/authorizers").items
        func strip(_ item: [String: Any], _ keys: [String]) -> String {
            var copy = item
            for key in keys { copy.removeValue(forKey: key) }
            let data = try! JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let routes = h.call("GET", "/v2/apis/\(id)/routes").items.map { route -> String in
            let integration = integrations.first { "integrations/\($0["integrationId"] as! String)" == route["target"] as? String }
            let authorizer = authorizers.first { $0["authorizerId"] as? String == route["authorizerId"] as? String }
            return strip(route, ["routeId", "target", "authorizerId"]) + " -> " + strip(integration ?? [:], ["integrationId"])
                + " / " + strip(authorizer ?? [:], ["authorizerId"])
        }
        let api = h.call("GET", "/v2/apis/\(id)")
        return routes.sorted() + [strip(api.json, ["apiId", "apiEndpoint", "createdDate"])]
    }

    @Test func importCreatesTheAPIAndExportImportsBackTheSame() throws {
        let h = try AdminHarness()
        let imported = h.call("PUT", "/v2/apis", ["body": Self.document])
        #expect(imported.status == 201, "\(imported.json)")
        let id = try #require(imported.string("apiId"))
        #expect(imported.string("name") == "pets" && imported.string("protocolType") == "HTTP")
        #expect(imported["tags"] as? [String: String] == [:], "rendered as CreateApi renders an API without tags")
        #expect(h.call("GET", "/v2/apis/\(id)/routes").items.count == 2)

        for outputType in ["JSON", "YAML"] {
            let exported = h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=\(outputType)")
            #expect(exported.status == 200)
            let text = String(decoding: exported.body, as: UTF8.self)
            #expect(text.contains("x-amazon-apigateway-importexport-version"))
            let again = h.call("PUT", "/v2/apis", ["body": text])
            #expect(again.status == 201, "\(again.json)")
            let copy = try #require(again.string("apiId"))
            #expect(Self.shape(h, copy) == Self.shape(h, id))
        }
    }

    @Test func reimportOverwritesRoutesAndDeploysAutoDeployStages() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/v2/apis", ["name": "old", "protocolType": "HTTP"]).string("apiId"))
        #expect(h.call("POST", "/v2/apis/\(id)/stages", ["stageName": "$default", "autoDeploy": true]).status == 201)
        let manual = h.call("POST", "/v2/apis/\(id)/integrations", ["integrationType": "HTTP_PROXY", "integrationMethod": "GET",
                                                                    "integrationUri": "https://old.example", "payloadFormatVersion": "1.0"])
        #expect(h.call("POST", "/v2/apis/\(id)/routes", ["routeKey": "GET /old", "target": "integrations/\(manual.string("integrationId")!)"]).status == 201)

        let result = h.call("PUT", "/v2/apis/\(id)", ["body": Self.document])
        #expect(result.status == 201, "\(result.json)")
        #expect(result.string("apiId") == id && result.string("name") == "pets" && result.string("version") == "3")
        let keys = h.call("GET", "/v2/apis/\(id)/routes").items.compactMap { $0["routeKey"] as? String }.sorted()
        #expect(keys == ["$default", "GET /pets/{id}"])
        let stage = h.call("GET", "/v2/apis/\(id)/stages/$default")
        let deployment = try #require(stage.string("deploymentId"))
        #expect(h.call("GET", "/v2/apis/\(id)/deployments/\(deployment)")["autoDeployed"] as? Bool == true)
        // The stage's export is what it deploys.
        let exported = String(decoding: h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=JSON&stageName=$default").body, as: UTF8.self)
        #expect(exported.contains("/pets/{id}") && !exported.contains("/old"))
    }

    @Test func warningsAreReturnedOrRefusedUnderFailOnWarnings() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/v2/apis", ["name": "keep", "protocolType": "HTTP"]).string("apiId"))
        let body = """
            {"openapi": "3.0.1", "info": {"title": "changed"}, "paths": {"/u": {"get": {"responses": {"200": {"description": "d",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}}}}}}
            """
        let refused = h.call("PUT", "/v2/apis/\(id)?failOnWarnings=true", ["body": body])
        #expect(refused.status == 400 && refused.errorType == "BadRequestException")
        #expect(refused.message == "Warnings found during import:\n\tParse issue: attribute paths.'/u'(get).responses.200.content.schema.#/components/schemas/Nope is missing")
        #expect(h.call("GET", "/v2/apis/\(id)").string("name") == "keep")
        let accepted = h.call("PUT", "/v2/apis/\(id)", ["body": body])
        #expect(accepted.status == 201 && (accepted["warnings"] as? [String])?.count == 1)
        #expect(h.call("GET", "/v2/apis/\(id)").string("name") == "changed")
    }

    @Test func aYAMLVersionKeepsItsWrittenText() throws {
        let h = try AdminHarness()
        let yaml = "openapi: 3.0.1\ninfo:\n  title: t\n  version: 2.0\npaths: {}\n"
        #expect(h.call("PUT", "/v2/apis", ["body": yaml]).string("version") == "2.0")
        let quoted = "openapi: 3.0.1\ninfo:\n  title: t\n  version: '1.10'\npaths: {}\n"
        #expect(h.call("PUT", "/v2/apis", ["body": quoted]).string("version") == "1.10")
    }

    @Test func aRefusedDocumentStoresNothing() throws {
        let h = try AdminHarness()
        let bad = #"{"openapi": "3.0.1", "info": {"title": "x"}, "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "MOCK"}}}}}"#
        let refused = h.call("PUT", "/v2/apis", ["body": bad])
        #expect(refused.status == 400 && refused.message?.hasPrefix("Errors found during import:\n\t") == true)
        #expect(h.call("PUT", "/v2/apis", ["body": "not: [valid"]).status == 400)
        #expect(h.call("PUT", "/v2/apis", [String: String]()).status == 400)
        #expect(h.call("PUT", "/v2/apis?basepath=sideways", ["body": Self.document]).status == 400)
        #expect(h.call("GET", "/v2/apis").items.isEmpty)
    }

    @Test func exportChecksItsParametersAndCanLeaveOutExtensions() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("PUT", "/v2/apis", ["body": Self.document]).string("apiId"))
        #expect(h.call("GET", "/v2/apis/\(id)/exports/OAS30").status == 400)
        #expect(h.call("GET", "/v2/apis/\(id)/exports/SWAGGER?outputType=JSON").status == 400)
        #expect(h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=XML").status == 400)
        #expect(h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=JSON&exportVersion=2.0").status == 400)
        #expect(h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=JSON&stageName=nope").status == 404)
        let bare = h.call("GET", "/v2/apis/\(id)/exports/OAS30?outputType=JSON&includeExtensions=false")
        #expect(bare.status == 200)
        let text = String(decoding: bare.body, as: UTF8.self)
        #expect(!text.contains("x-amazon-apigateway") && text.contains("/pets/{id}"))
    }
}
