import Foundation
import Testing
import Shared

/// Invoke-URL forms and routing errors through real nodes (shared cluster).
@Suite(.serialized, .timeLimit(.minutes(2))) struct RoutingEndToEndTests {
    @Test func hostStyleInvokeUrlIsServedByEveryNode() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        for port in cluster.nodePorts {
            let response = try await cluster.invoke(port: port, apiId: api.id, "/\(api.stage)/mock")
            #expect(response.status == 200)
            #expect(response.text == #"{"mocked":true}"#)
            #expect(response.headers["X-Mock"] == "yes")
            #expect(response.headers["x-amzn-RequestId"]?.count == 36)
            #expect(response.headers["x-amz-apigw-id"] != nil)
            #expect(response.headers["X-Amzn-Trace-Id"]?.hasPrefix("Root=1-") == true)
        }
    }

    @Test func apiIdInTheHostIsCaseInsensitive() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let port = cluster.nodePorts[0]
        let response = try await cluster.send(port: port, "/\(api.stage)/mock", host: "\(api.id.uppercased()).execute-api.localhost:\(port)")
        #expect(response.status == 200)
    }

    @Test func pathStyleInvokeUrlIsServed() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.send(port: cluster.nodePorts[1], "/restapis/\(api.id)/\(api.stage)/_user_request_/mock")
        #expect(response.status == 200)
        #expect(response.text == #"{"mocked":true}"#)
    }

    @Test func unknownApiIs404NamingIt() async throws {
        let cluster = try await SharedCluster.cluster()
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: "zz00000000", "/test/mock")
        #expect(response.status == 404)
        #expect(response.text == #"{"message":"The API id 'zz00000000' does not correspond to a deployed API Gateway API"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "NotFoundException")
    }

    @Test(arguments: [("GET", "/nostage/mock"), ("GET", "/test/no/such/route"), ("POST", "/test/mock"), ("GET", "/test"), ("GET", "/")])
    func unknownStageOrRouteIs403MissingAuthenticationToken(method: String, path: String) async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[2], apiId: api.id, path, method: HTTPMethod(method))
        #expect(response.status == 403)
        #expect(response.text == #"{"message":"Missing Authentication Token"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")
    }

    @Test func trailingSlashReachesTheSameResource() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let response = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/\(api.stage)/mock/")
        #expect(response.status == 200)
    }

    @Test func healthIsReservedOnEveryHost() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        for port in cluster.nodePorts {
            let plain = try await cluster.send(port: port, "/_tollgate/health")
            let onApiHost = try await cluster.invoke(port: port, apiId: api.id, "/_tollgate/health")
            for response in [plain, onApiHost] {
                #expect(response.status == 200)
                #expect(response.json["status"] as? String == "ok")
                #expect((response.json["revision"] as? Int ?? 0) > 0)
            }
        }
    }
}
