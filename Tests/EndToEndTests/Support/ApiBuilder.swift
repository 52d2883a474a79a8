import ControlPlane
import Foundation
import Shared

/// Builds a REST API through the admin API (SigV4-signed, as the AWS CLI would).
struct ApiBuilder {
    let admin: AdminClient
    let id: String
    let root: String

    static func create(_ admin: AdminClient, name: String) async throws -> ApiBuilder {
        let api = try await admin.call(.POST, "/restapis", json: ["name": name])
        return ApiBuilder(admin: admin, id: api["id"] as! String, root: api["rootResourceId"] as! String)
    }

    /// Creates `pathPart` under `parent` (default: the root); returns its id.
    func resource(_ pathPart: String, under parent: String? = nil) async throws -> String {
        let resource = try await admin.call(.POST, "/restapis/\(id)/resources/\(parent ?? root)", json: ["pathPart": pathPart])
        return resource["id"] as! String
    }

    /// PutMethod (no authorization) with declared request parameters.
    func method(_ resource: String, _ verb: String, requestParameters: [String: Bool] = [:]) async throws {
        _ = try await admin.call(.PUT, "/restapis/\(id)/resources/\(resource)/methods/\(verb)",
                                 json: ["authorizationType": "NONE", "requestParameters": requestParameters])
    }

    /// PutIntegration with the given body (`type`, `uri`, `httpMethod`…).
    func integration(_ resource: String, _ verb: String, _ body: [String: Any]) async throws {
        _ = try await admin.call(.PUT, "/restapis/\(id)/resources/\(resource)/methods/\(verb)/integration", json: body)
    }

    /// PutMethodResponse with declared response headers.
    func methodResponse(_ resource: String, _ verb: String, _ status: String, headers: [String] = []) async throws {
        var parameters: [String: Bool] = [:]
        for header in headers { parameters["method.response.header.\(header)"] = false }
        _ = try await admin.call(.PUT, "/restapis/\(id)/resources/\(resource)/methods/\(verb)/responses/\(status)",
                                 json: ["responseParameters": parameters])
    }

    /// PutIntegrationResponse (default selection) with the given body.
    func integrationResponse(_ resource: String, _ verb: String, _ status: String, _ body: [String: Any] = [:]) async throws {
        _ = try await admin.call(.PUT, "/restapis/\(id)/resources/\(resource)/methods/\(verb)/integration/responses/\(status)", json: body)
    }

    /// A MOCK method answering 200 with `body` (and `X-Mock: yes`).
    func mock(_ resource: String, _ verb: String = "GET", body: String) async throws {
        try await method(resource, verb)
        try await integration(resource, verb, ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
        try await methodResponse(resource, verb, "200", headers: ["X-Mock"])
        try await integrationResponse(resource, verb, "200", ["responseTemplates": ["application/json": body],
                                                             "responseParameters": ["method.response.header.X-Mock": "'yes'"]])
    }

    /// CreateDeployment to `stage`; returns the deployment id.
    @discardableResult
    func deploy(stage: String, variables: [String: String] = [:]) async throws -> String {
        var body: [String: Any] = ["stageName": stage]
        if !variables.isEmpty { body["variables"] = variables }
        let deployment = try await admin.call(.POST, "/restapis/\(id)/deployments", json: body)
        return deployment["id"] as! String
    }

    /// UpdateStage `replace /deploymentId` — a rollback.
    func pointStage(_ stage: String, at deploymentId: String) async throws {
        _ = try await admin.call(.PATCH, "/restapis/\(id)/stages/\(stage)",
                                 json: ["patchOperations": [["op": "replace", "path": "/deploymentId", "value": deploymentId]]])
    }
}
