/// An AWS service the admin API speaks, by botocore's service name (`apigateway`; later
/// `apigatewayv2` for HTTP and WebSocket APIs, and an IAM subset).
///
/// Part of every operation's key: services reuse operation names (`CreateStage` is in both API
/// Gateway models), so handlers are found by (service, operation), never by name alone.
package struct AdminService: Hashable, Sendable, CustomStringConvertible {
    /// botocore's service name, as in `botocore/data/<name>/<version>/service-2.json`.
    package let name: String

    package init(_ name: String) {
        self.name = name
    }

    /// Amazon API Gateway's REST API control plane (botocore `apigateway` 2015-07-09).
    package static let apigateway = AdminService("apigateway")

    package var description: String { name }
}
