import Foundation
import Testing
@testable import ControlPlane
import Shared

/// Handlers are keyed by (service, operation): a second service that reuses an operation name
/// (apigatewayv2's `CreateStage`) is routed to its own handler, and the standard catalog is whole.
@Suite struct AdminCatalogTests {
    static let v2 = AdminService("apigatewayv2")

    /// `CreateStage` and `GetStage` of both API Gateway models (URIs as botocore has them).
    static let operations = [
        AdminOperation(service: .apigateway, name: "CreateStage", method: "POST", uri: "/restapis/{restapi_id}/stages", successCode: 201),
        AdminOperation(service: .apigateway, name: "GetStage", method: "GET", uri: "/restapis/{restapi_id}/stages/{stage_name}", successCode: 200),
        AdminOperation(service: v2, name: "CreateStage", method: "POST", uri: "/v2/apis/{apiId}/stages", successCode: 201),
        AdminOperation(service: v2, name: "GetStage", method: "GET", uri: "/v2/apis/{apiId}/stages/{stageName}", successCode: 200),
    ]

    /// A handler that answers with the service it was registered for.
    static func answer(_ service: String) -> AdminAPI.Handler {
        { _, call, _ in try .json(["service": service, "operation": call.operation.name]) }
    }

    static let catalog = AdminCatalog([
        AdminCatalog.Service(service: .apigateway, operations: operations.filter { $0.service == .apigateway },
                             handlers: [["CreateStage": answer("apigateway"), "GetStage": answer("apigateway")]]),
        AdminCatalog.Service(service: v2, operations: operations.filter { $0.service == v2 },
                             handlers: [["CreateStage": answer("apigatewayv2")]]),
    ])

    private func withAPI(_ body: (AdminAPI, ConfigStore) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let api = AdminAPI(store: store, configuration: .init(), clock: { 1_700_000_000 }, checks: .compiler,
                           quota: nil, log: .discard, catalog: Self.catalog)
        try body(api, store)
    }

    private func send(_ api: AdminAPI, _ method: String, _ target: String, id: String) -> (status: Int, json: [String: String]) {
        let request = HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target, headers: [:]), body: [])
        let response = api.handle(request, identity: "AKIDADMIN", requestId: id)
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: String] ?? [:])
    }

    @Test func sameOperationNameInTwoServicesReachesEachServicesHandler() throws {
        try withAPI { api, store in
            let rest = send(api, "POST", "/restapis/a1b2c3/stages", id: "r1")
            #expect(rest.status == 201)
            #expect(rest.json == ["service": "apigateway", "operation": "CreateStage"])
            let http = send(api, "POST", "/v2/apis/a1b2c3/stages", id: "r2")
            #expect(http.status == 201)
            #expect(http.json == ["service": "apigatewayv2", "operation": "CreateStage"])
            // The audit log tells the two apart too.
            let audited = try store.read { try $0.audit(since: 0, limit: 10) }.map(\.operation)
            #expect(audited == ["CreateStage", "apigatewayv2:CreateStage"])
        }
    }

    @Test func aNameHandledInOneServiceOnlyIsNotImplementedInTheOther() throws {
        try withAPI { api, _ in
            #expect(send(api, "GET", "/restapis/a1b2c3/stages/prod", id: "r1").json["service"] == "apigateway")
            let missing = send(api, "GET", "/v2/apis/a1b2c3/stages/prod", id: "r2")
            #expect(missing.status == 501)
        }
    }

    @Test func routerReturnsTheServiceOfTheMatchedOperation() {
        let router = AdminRouter(operations: Self.operations)
        #expect(router.match(method: "POST", segments: ["restapis", "a"], query: [:]) == nil)
        #expect(router.match(method: "POST", segments: ["restapis", "a", "stages"], query: [:])?.operation.key
            == AdminOperation.Key(service: .apigateway, name: "CreateStage"))
        #expect(router.match(method: "POST", segments: ["v2", "apis", "a", "stages"], query: [:])?.operation.key
            == AdminOperation.Key(service: Self.v2, name: "CreateStage"))
    }

    @Test func standardCatalogHasNoDuplicateHandlersAndOnlyModelledOnes() {
        let standard = AdminCatalog.standard
        #expect(standard.duplicateKeys.isEmpty)
        let modelled = Set(AdminOperation.all.map(\.key))
        #expect(standard.handledKeys.isSubset(of: modelled))
        #expect(standard.handledKeys.allSatisfy { [.apigateway, .apigatewayv2].contains($0.service) })
        #expect(standard.handledKeys.contains(AdminOperation.Key(service: .apigateway, name: "CreateStage")))
    }

    /// Issue 12: every apigateway operation has a handler except the three the issue lets answer 501
    /// (SDK generation). TestInvokeMethod is handled (501 only without a test invoker).
    @Test func everyRestOperationIsHandledExceptSdkGeneration() {
        let handled = AdminCatalog.standard.handledKeys
        let unhandled = Set(AdminOperation.apigateway.map(\.key).filter { !handled.contains($0) }.map(\.name))
        #expect(unhandled == ["GetSdk", "GetSdkType", "GetSdkTypes"])
    }

    /// Services share one route table, so no two operations of any services may claim the same
    /// method and URI template (apigatewayv2's live under `/v2/`).
    @Test func noTwoRoutedOperationsShareAMethodAndURI() {
        let routes = AdminOperation.all.map { "\($0.method) \($0.uri)" }
        #expect(Set(routes).count == routes.count)
    }

    @Test func everyOperationOfTheGeneratedTableNamesItsService() {
        #expect(AdminOperation.apigatewayv2.count == 103)
        #expect(AdminOperation.apigatewayv2.allSatisfy { $0.service == .apigatewayv2 && $0.uri.hasPrefix("/v2/") })
        #expect(AdminOperation.apigateway.count == 124)
        #expect(AdminOperation.apigateway.allSatisfy { $0.service == .apigateway })
        #expect(Set(AdminOperation.apigateway.map(\.name)).count == AdminOperation.apigateway.count)
    }
}
