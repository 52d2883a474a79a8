import Foundation
import Shared

/// What every `apigatewayv2` handler shares: finding the API a call names, saving it (with the
/// automatic deployments of its `autoDeploy` stages), ids, timestamps and v2's list pages.
extension AdminAPI {
    /// The API of the call's `apiId` label, or v2's 404.
    func v2Document(_ call: AdminCall, _ tx: ConfigTransaction) throws -> V2ApiDocument {
        let id = call.label("apiId")
        guard let document = try tx.v2Api(id) else { throw AdminError.notFound("Invalid API identifier specified \(id)") }
        return document
    }

    /// Stores `document`. With `configurationChanged` (a route, integration or authorizer changed),
    /// every `autoDeploy` stage first gets a new automatic deployment, as AWS deploys such a stage on
    /// each change to the API; an API without a route is not deployed.
    func v2Save(_ document: inout V2ApiDocument, _ call: AdminCall, _ tx: ConfigTransaction,
                configurationChanged: Bool) throws {
        if configurationChanged { v2AutoDeploy(&document, call) }
        try tx.updateV2Api(document)
    }

    /// Deploys every `autoDeploy` stage of `document` (nothing when the API has no route).
    func v2AutoDeploy(_ document: inout V2ApiDocument, _ call: AdminCall) {
        guard !document.routes.isEmpty, document.stages.contains(where: \.autoDeploy) else { return }
        let deployment = V2Deployment(deploymentId: AdminAPI.v2FreshId(document.deployments.map(\.deploymentId)), autoDeployed: true,
                                      createdDate: AdminAPI.iso8601(call.now), deploymentStatus: "DEPLOYED",
                                      description: "Automatic deployment triggered by changes to the Api configuration",
                                      content: document.deployable)
        document.deployments.append(deployment)
        for index in document.stages.indices where document.stages[index].autoDeploy {
            document.stages[index].deploymentId = deployment.deploymentId
            document.stages[index].lastDeploymentStatusMessage = "Successfully deployed stage with deployment ID '\(deployment.deploymentId)'"
            document.stages[index].lastUpdatedDate = AdminAPI.iso8601(call.now)
        }
    }

    /// A fresh id for a child of an API (AWS's are 7 lowercase letters and digits), not in `taken`.
    static func v2FreshId(_ taken: [String]) -> String {
        var id = ResourceID.generate(length: 7)
        while taken.contains(id) { id = ResourceID.generate(length: 7) }
        return id
    }

    /// Epoch seconds as v2 renders timestamps (`2026-12-04T05:00:00Z`).
    static func iso8601(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// v2's required-member error (botocore validates client-side; a raw request can still omit it).
    static func v2Missing(_ member: String) -> AdminError {
        .badRequest("Invalid input: \(member) is required")
    }
}

/// A v2 list response: `{"items": […], "nextToken": "…"}`.
struct V2Page<T: Encodable>: Encodable {
    var items: [T]
    var nextToken: String?
}

extension AdminCall {
    /// One page of `items` per v2's `maxResults` and `nextToken` query parameters.
    ///
    /// Without `maxResults` every item is returned (a client that does not paginate still sees all);
    /// with it, 1…500 items. `nextToken` is the opaque token a previous page returned (here the
    /// decimal offset of the next item); nil on the last page.
    func v2Page<T: Encodable>(_ items: [T]) throws(AdminError) -> V2Page<T> {
        var start = 0
        if let text = queryValue("nextToken") {
            guard let value = Int(text), value >= 0, value <= items.count else { throw .badRequest("Invalid nextToken: \(text)") }
            start = value
        }
        var end = items.count
        if let text = queryValue("maxResults") {
            guard let value = Int(text), (1...500).contains(value) else {
                throw .badRequest("Invalid maxResults: \(text). maxResults must be between 1 and 500")
            }
            end = min(start + value, items.count)
        }
        return V2Page(items: Array(items[start..<end]), nextToken: end < items.count ? String(end) : nil)
    }
}
