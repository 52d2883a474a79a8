import Foundation
import Testing
import ControlPlane
import Shared

/// Request validators on real nodes: a method with required parameters and a body model that
/// `$ref`s another model of the API, set up through the admin API as the AWS CLI would, refuses
/// what AWS refuses with AWS's 400s and serves the rest (shared cluster, an API of its own).
@Suite(.serialized, .timeLimit(.minutes(2))) struct RequestValidationEndToEndTests {
    @Test func requiredParametersAndBodyModelsAreEnforcedOnEveryNode() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await ApiBuilder.create(cluster.admin, name: "validated")
        let modelURL = "https://apigateway.amazonaws.com/restapis/\(api.id)/models/Tag"
        _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/models",
                                         json: ["name": "Tag", "contentType": "application/json", "schema": #"{"type": "string", "enum": ["dog", "cat"]}"#])
        _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/models", json: [
            "name": "Pet", "contentType": "application/json",
            "schema": #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "tag": {"$ref": "\#(modelURL)"}}}"#])
        let validator = try await cluster.admin.call(.POST, "/restapis/\(api.id)/requestvalidators",
                                                     json: ["name": "all", "validateRequestBody": true, "validateRequestParameters": true])
        let pets = try await api.resource("pets")
        _ = try await cluster.admin.call(.PUT, "/restapis/\(api.id)/resources/\(pets)/methods/POST", json: [
            "authorizationType": "NONE", "requestValidatorId": validator["id"] as! String,
            "requestParameters": ["method.request.querystring.owner": true, "method.request.header.X-Trace": true],
            "requestModels": ["application/json": "Pet"]])
        try await api.integration(pets, "POST", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
        try await api.methodResponse(pets, "POST", "200")
        try await api.integrationResponse(pets, "POST", "200", ["responseTemplates": ["application/json": #"{"ok": true}"#]])
        try await api.deploy(stage: "prod")

        let good = Array(#"{"name": "Rex", "tag": "dog"}"#.utf8)
        let headers = [("X-Trace", "t1"), ("Content-Type", "application/json")]
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/pets?owner=a", method: .POST, headers: headers, body: good,
                                       timeout: .seconds(2)).status) == 200
        }
        #expect(ready != nil, "the API did not reach every node")

        for port in cluster.nodePorts {
            let missing = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST,
                                                   headers: [("Content-Type", "application/json")], body: good)
            #expect(missing.status == 400)
            #expect(missing.text == #"{"message":"Missing required request parameters: [X-Trace, owner]"}"#)
            #expect(missing.headers["x-amzn-ErrorType"] == "BadRequestException")
            #expect(missing.headers["x-amzn-RequestId"]?.count == 36)

            let badTag = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets?owner=a", method: .POST, headers: headers,
                                                  body: Array(#"{"name": "Rex", "tag": "eel"}"#.utf8))
            #expect(badTag.status == 400)
            #expect(badTag.text == #"{"message":"Invalid request body"}"#)
            #expect(badTag.headers["x-amzn-ErrorType"] == "BadRequestException")

            let served = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets?owner=a", method: .POST, headers: headers, body: good)
            #expect(served.status == 200)
            #expect(served.text == #"{"ok": true}"#)
        }
    }
}
