import Foundation
import Shared

/// One cluster (control plane, three nodes, echo, a Lambda Invoke server) and one deployed API
/// exercising every integration type, shared by the read-only end-to-end suites. Started on first
/// use; its processes are killed when the test process exits.
enum SharedCluster {
    /// The deployed "kitchen sink" API: its id and the stage it is deployed to.
    struct Api: Sendable {
        let id: String
        let stage: String
    }

    private static let started = Task { () throws -> Cluster in
        let cluster = try await Cluster.start(nodes: 3, lambda: LambdaFunctions.run)
        TollgateProcess.removeAtExit(cluster.root)
        return cluster
    }

    private static let deployed = Task { () throws -> Api in
        let cluster = try await started.value
        let api = try await KitchenSinkApi.create(cluster)
        // Every node must serve it before the suites run.
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/\(api.stage)/mock").status) == 200
        }
        guard ready != nil else { throw ProcessError("the shared API did not reach every node") }
        return api
    }

    static func cluster() async throws -> Cluster { try await started.value }
    static func api() async throws -> Api { try await deployed.value }
}
