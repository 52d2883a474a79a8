import Foundation
import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIOpenAPITests {
    static let simple = "openapi: 3.0.1\ninfo: {title: imported, description: from the file, version: '7'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}\n"

    /// Each vendored document imports, and deploys through the shared compiler's checks (as CreateDeployment does).
    @Test(arguments: OpenAPIFixtures.names)
    func fixturesImportAndDeploy(fixture: String) throws {
        let h = try AdminHarness()
        let imported = h.call("POST", "/restapis?mode=import", try OpenAPIFixtures.bytes(fixture))
        #expect(imported.status == 201, "\(imported.message ?? "")")
        let id = try #require(imported.string("id"))
        var content = try #require(try h.store.read { tx in try tx.restApi(id) })
        if fixture.hasPrefix("petstore") {
            // The petstores have no x-amazon-apigateway-integration; AWS refuses to deploy a method
            // without an integration, so give each a MOCK one first, as a user would.
            #expect(AdminAPI.compilerDeploymentCheck(content) == "No integration defined for method")
            for resource in content.resources {
                for verb in (resource.resourceMethods ?? [:]).keys {
                    let put = h.call("PUT", "/restapis/\(id)/resources/\(resource.id)/methods/\(verb)/integration", ["type": "MOCK"])
                    #expect(put.status == 201, "\(put.message ?? "")")
                }
            }
            content = try #require(try h.store.read { tx in try tx.restApi(id) })
        }
        let checked = AdminAPI.compilerDeploymentCheck(content)
        if fixture == "every-extension.yaml" {
            // What Tollgate refuses is refused at deployment, not dropped (compatibility.md): here
            // CONVERT_TO_BINARY on an AWS_PROXY integration (undocumented on AWS) comes first.
            #expect(checked?.contains("CONVERT_TO_BINARY is not supported on AWS_PROXY") == true, "\(checked ?? "")")
        } else {
            #expect(checked == nil, "\(checked ?? "")")
            let deployed = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
            #expect(deployed.status == 201, "\(deployed.message ?? "")")
        }
    }

    /// Without what Tollgate refuses (`contentHandling` CONVERT_TO_BINARY on AWS_PROXY) or does not
    /// serve yet (the non-proxy AWS integration of `GET /pets/{petId}`), the every-extension API
    /// deploys: request validators, gateway responses, authorizers, Cognito, IAM, API keys, HTTP,
    /// HTTP_PROXY, AWS_PROXY, MOCK, ANY, binary media types, policy and the rest.
    @Test func everyExtensionDeploysWithoutWhatNodesDoNotServeYet() throws {
        func removing(_ keys: Set<String>, from value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): .object(members.filter { !keys.contains($0.key) }.map { ($0.key, removing(keys, from: $0.value)) })
            case .array(let items): .array(items.map { removing(keys, from: $0) })
            default: value
            }
        }
        var document = try YAMLReader.json(try OpenAPIFixtures.bytes("every-extension.yaml"))
        document = removing(["contentHandling"], from: document)
        let paths = try #require(document["paths"])
        let item = try #require(paths["/pets/{petId}"]?.members)
        document = document.setting("paths", paths.setting("/pets/{petId}", .object(item.filter { $0.key != "get" })))
        let h = try AdminHarness()
        let imported = h.call("POST", "/restapis?mode=import&failonwarnings=true", Array(document.serialized().utf8))
        let id = try #require(imported.string("id"), "\(imported.message ?? "")")
        let deployed = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(deployed.status == 201, "\(deployed.message ?? "")")
    }

    @Test func importCreatesTheApiAndAnswersARestApi() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis?mode=import&endpointConfigurationTypes=REGIONAL", Self.simple)
        #expect(result.status == 201)
        #expect(result.string("name") == "imported" && result.string("description") == "from the file" && result.string("version") == "7")
        #expect((result["endpointConfiguration"] as? [String: Any])?["types"] as? [String] == ["REGIONAL"])
        #expect(result["warnings"] == nil)
        let id = try #require(result.string("id"))
        #expect(h.call("GET", "/restapis/\(id)/resources").items.map { $0["path"] as? String } == ["/", "/a"])
    }

    /// "invalid API creates nothing": errors, and warnings under failonwarnings, store nothing.
    @Test(arguments: [
        ("openapi: 3.0.1\ninfo: {title: t}\npaaths: {}\n", "", "Failed to parse the uploaded OpenAPI document due to: 'paths' is a required property"),
        ("openapi: 3.0.1\ninfo: {title: t}\npaths: {/p: {get: {responses: {}, x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: nope}}}}\n", "",
         "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/p': Invalid HTTP endpoint specified for URI"),
        ("openapi: 3.0.1\ninfo: {title: t}\nx-amazon-apigateway-cors: {}\npaths: {}\n", "&failonwarnings=true",
         "Warnings found during import:\n\tx-amazon-apigateway-cors applies to HTTP APIs only; ignored for a REST API"),
    ])
    func anInvalidApiCreatesNothing(text: String, query: String, message: String) throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis?mode=import" + query, text)
        #expect(result.status == 400 && result.errorType == "BadRequestException")
        #expect(result.message == message)
        #expect(h.call("GET", "/restapis").items.isEmpty)
    }

    @Test func warningsAreReturnedWhenNotRefused() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis?mode=import", "openapi: 3.0.1\ninfo: {title: t}\nx-amazon-apigateway-cors: {}\npaths: {}\n")
        #expect(result.status == 201)
        #expect(result["warnings"] as? [String] == ["x-amazon-apigateway-cors applies to HTTP APIs only; ignored for a REST API"])
    }

    @Test func putRestApiMergesByDefaultAndOverwritesOnRequest() throws {
        let h = try AdminHarness()
        let (id, rootId) = h.createApi()
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(rootId)/methods/POST", ["authorizationType": "NONE"]).status == 201)
        let merged = h.call("PUT", "/restapis/\(id)", Self.simple)
        #expect(merged.status == 200 && merged.string("id") == id && merged.string("name") == "imported")
        #expect(h.call("GET", "/restapis/\(id)/resources/\(rootId)/methods/POST").status == 200)
        let replaced = h.call("PUT", "/restapis/\(id)?mode=overwrite", Self.simple)
        #expect(replaced.status == 200)
        let newRoot = try #require(replaced.string("rootResourceId"))
        #expect(newRoot != rootId)
        #expect(h.call("GET", "/restapis/\(id)/resources/\(newRoot)/methods/POST").status == 404)
        #expect(h.call("PUT", "/restapis/\(id)?mode=replace", Self.simple).message == #"Enumeration value of OpenAPI import mode must be "overwrite" or "merge""#)
        #expect(h.call("PUT", "/restapis/nosuchapi1", Self.simple).status == 404)
    }

    @Test func getExportAnswersTheStagesDeploymentAsJSONOrYAML() throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/restapis?mode=import", Self.simple).string("id"))
        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).status == 201)
        // A later edit of the API is not in the export: it shows the deployment.
        h.call("PUT", "/restapis/\(id)?mode=overwrite", "openapi: 3.0.1\ninfo: {title: later}\npaths: {}\n")
        let json = h.call("GET", "/restapis/\(id)/stages/prod/exports/oas30?extensions=integrations")
        #expect(json.status == 200 && json.headers["Content-Type"] == "application/octet-stream")
        #expect(json.headers["Content-Disposition"]?.hasPrefix("attachment; filename=\"oas30_") == true)
        #expect(json.headers["Content-Disposition"]?.hasSuffix(".json\"") == true)
        let document = try JSONParser.parse(json.body)
        #expect(document["info"]?["title"]?.string == "imported")
        #expect(document["paths"]?["/a"]?["get"]?["x-amazon-apigateway-integration"]?["type"]?.string == "mock")

        let request = HTTPRequest(head: HTTPRequestHead(method: HTTPMethod("GET"), target: "/restapis/\(id)/stages/prod/exports/swagger",
                                                        headers: ["Accept": "application/yaml"]), body: [])
        let yaml = h.api.handle(request, identity: "AKIDADMIN", requestId: "r")
        #expect(yaml.status == 200 && yaml.headers["Content-Disposition"]?.hasSuffix(".yaml\"") == true)
        let read = try YAMLReader.json(yaml.body)
        #expect(read["swagger"]?.string == "2.0" && read["paths"]?["/a"]?["get"]?["x-amazon-apigateway-integration"] == nil)
    }

    @Test(arguments: [
        ("/restapis/unknown/stages/l/exports/a", 404, "Invalid stage identifier specified"),
        ("/restapis/{id}/stages/nostage/exports/oas30", 404, "Invalid stage identifier specified"),
        ("/restapis/{id}/stages/prod/exports/a", 400, "No API exporter for type 'a'"),
        ("/restapis/{id}/stages/prod/exports/oas30?extensions=postman", 400, "Tollgate does not write the Postman export extensions (extensions=postman)"),
        ("/restapis/{id}/stages/prod/exports/oas30?extensions=nope", 400, "Invalid extensions specified: nope. Valid values are integrations, authorizers, apigateway, postman"),
    ])
    func getExportRefusesWithAWSsMessages(path: String, status: Int, message: String) throws {
        let h = try AdminHarness()
        let id = try #require(h.call("POST", "/restapis?mode=import", Self.simple).string("id"))
        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"]).status == 201)
        let result = h.call("GET", path.replacingOccurrences(of: "{id}", with: id))
        #expect(result.status == status && result.message == message)
    }
}
