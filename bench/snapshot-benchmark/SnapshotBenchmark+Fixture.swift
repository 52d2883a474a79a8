import ControlPlane
import Shared

/// The benchmark's synthetic control plane: `apis` REST APIs of `resources` resources each, every
/// resource with a GET method and an HTTP_PROXY integration (stored with the defaults PutMethod and
/// PutIntegration give), each API deployed once to a `prod` stage.
extension SnapshotBenchmark {
    /// Fills `store` in one write transaction; returns the number of stages made.
    static func fill(_ store: ConfigStore, apis: Int, resources: Int, now: Int64) throws -> Int {
        try store.write { tx in
            for index in 0..<apis {
                let content = definition(index: index, resources: resources, now: now)
                try tx.insertRestApi(content)
                let deployment = Deployment(id: ResourceID.generate(length: ResourceID.childLength), createdDate: now)
                try tx.insertDeployment(restApiId: content.api.id, deployment, content: content)
                try tx.putStage(restApiId: content.api.id, Stage(deploymentId: deployment.id, stageName: "prod",
                                                                 variables: ["backend": "backend-\(index).internal:8080"],
                                                                 createdDate: now, lastUpdatedDate: now))
            }
            return apis
        }
    }

    /// API number `index`: half the resources literal children of the root (`/r7`), the other half
    /// `{id}` children of those (`/r7/{id}`) with a path-parameter mapping, as real APIs mix them.
    static func definition(index: Int, resources: Int, now: Int64) -> DeploymentContent {
        let rootId = ResourceID.generate(length: ResourceID.restApiLength)
        let api = RestApi(id: ResourceID.generate(length: ResourceID.restApiLength), name: "bench-\(index)",
                          createdDate: now, rootResourceId: rootId)
        var list = [Resource(id: rootId, path: "/")]
        var literals: [Resource] = []
        for number in 0..<resources {
            let id = ResourceID.generate(length: ResourceID.childLength)
            let resource: Resource
            if number % 2 == 0 || literals.isEmpty {
                let path = "/r\(number)"
                resource = Resource(id: id, parentId: rootId, pathPart: "r\(number)", path: path,
                                    resourceMethods: ["GET": method(resourceId: id, uri: "http://${stageVariables.backend}" + path)])
                literals.append(resource)
            } else {
                let parent = literals[(number / 2) % literals.count]
                let path = parent.path + "/{id}"
                var get = method(resourceId: id, uri: "http://${stageVariables.backend}" + path)
                get.requestParameters = ["method.request.path.id": true]
                get.methodIntegration?.requestParameters = ["integration.request.path.id": "method.request.path.id"]
                resource = Resource(id: id, parentId: parent.id, pathPart: "{id}", path: path, resourceMethods: ["GET": get])
            }
            list.append(resource)
        }
        return DeploymentContent(api: api, resources: list)
    }

    private static func method(resourceId: String, uri: String) -> Method {
        Method(httpMethod: "GET", methodResponses: ["200": MethodResponse(statusCode: "200")],
               methodIntegration: Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: uri, cacheNamespace: resourceId))
    }
}
