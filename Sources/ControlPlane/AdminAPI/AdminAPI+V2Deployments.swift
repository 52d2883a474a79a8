import Shared

/// apigatewayv2 deployments: CreateDeployment (optionally onto a stage), GetDeployment,
/// GetDeployments, UpdateDeployment (its description), DeleteDeployment (refused while a stage
/// points to it).
extension AdminAPI {
    static let v2DeploymentHandlers: [String: Handler] = [
        "CreateDeployment": { try $0.createV2Deployment(&$1, $2) },
        "GetDeployment": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.deployments[AdminAPI.v2DeploymentIndex(document, call)].rendered)
        },
        "GetDeployments": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).deployments.map(\.rendered))) },
        "UpdateDeployment": { api, call, tx in
            struct Body: Decodable { var description: String? }
            let input = try call.input(Body.self)
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2DeploymentIndex(document, call)
            if let description = input.description { document.deployments[index].description = description }
            try api.v2Save(&document, call, tx, configurationChanged: false)
            return try .json(document.deployments[index].rendered)
        },
        "DeleteDeployment": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2DeploymentIndex(document, call)
            let id = document.deployments[index].deploymentId
            if let stage = document.stages.first(where: { $0.deploymentId == id }) {
                throw AdminError.badRequest("Deployment \(id) is the active deployment of stage \(stage.stageName); move or delete the stage first")
            }
            document.deployments.remove(at: index)
            try api.v2Save(&document, call, tx, configurationChanged: false)
            return .empty
        },
    ]

    /// The index of the call's `deploymentId` in `document`, or v2's 404.
    static func v2DeploymentIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        let id = call.label("deploymentId")
        guard let index = document.deployments.firstIndex(where: { $0.deploymentId == id }) else {
            throw AdminError.notFound("Invalid Deployment identifier specified \(id)")
        }
        return index
    }

    func createV2Deployment(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        struct Body: Decodable {
            var description: String?
            var stageName: String?
        }
        let input = try call.input(Body.self)
        var document = try v2Document(call, tx)
        guard !document.routes.isEmpty else { throw AdminError.badRequest("At least one route is required before deploying the Api.") }
        var stageIndex: Int?
        if let name = input.stageName {
            guard let index = document.stages.firstIndex(where: { $0.stageName == name }) else {
                throw AdminError.notFound("Invalid stage identifier specified")
            }
            guard !document.stages[index].autoDeploy else {
                throw AdminError.badRequest("Stage \(name) deploys automatically (autoDeploy); it takes no manual deployment")
            }
            stageIndex = index
        }
        let deployment = V2Deployment(deploymentId: AdminAPI.v2FreshId(document.deployments.map(\.deploymentId)), autoDeployed: false,
                                      createdDate: AdminAPI.iso8601(call.now), deploymentStatus: "DEPLOYED",
                                      description: input.description, content: document.deployable)
        document.deployments.append(deployment)
        if let index = stageIndex {
            document.stages[index].deploymentId = deployment.deploymentId
            document.stages[index].lastUpdatedDate = AdminAPI.iso8601(call.now)
        }
        try v2Save(&document, call, tx, configurationChanged: false)
        call.targets.append(deployment.deploymentId)
        return try .json(deployment.rendered)
    }
}
