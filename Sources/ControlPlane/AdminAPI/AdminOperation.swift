/// One operation of an AWS admin API as botocore models it: its service, name, HTTP method,
/// request-URI template (`/restapis/{restapi_id}/stages`, optionally with a literal query such as
/// `?mode=import`) and the status it answers on success. Each service's table is generated from the
/// model by `scripts/generate-admin-operations.py` (`AdminOperation+ApiGateway.swift`, `AdminOperation+ApiGatewayV2.swift`).
package struct AdminOperation: Sendable, Equatable {
    /// What handlers are keyed by: operation names repeat across services.
    package struct Key: Hashable, Sendable, CustomStringConvertible {
        package let service: AdminService
        package let name: String

        package init(service: AdminService, name: String) {
            self.service = service
            self.name = name
        }

        package var description: String { "\(service):\(name)" }
    }

    package let service: AdminService
    package let name: String
    package let method: String
    package let uri: String
    package let successCode: Int

    package init(service: AdminService, name: String, method: String, uri: String, successCode: Int) {
        self.service = service
        self.name = name
        self.method = method
        self.uri = uri
        self.successCode = successCode
    }

    package var key: Key { Key(service: service, name: name) }

    /// The name the audit log records: the bare operation name for `apigateway` (as before there
    /// was a second service), `service:Name` for any other, so audit rows never mix services up.
    package var auditName: String { service == .apigateway ? name : key.description }

    /// Whether the operation can change state (everything but GET); mutating calls are audited.
    package var isMutating: Bool { method != "GET" }

    /// Every operation of every service the admin API routes (`AdminCatalog.standard`'s tables).
    package static var all: [AdminOperation] { apigateway + apigatewayv2 }
}
