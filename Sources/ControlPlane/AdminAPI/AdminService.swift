/// An AWS service the admin API speaks, by botocore's service name (`apigateway`, `apigatewayv2`
/// for HTTP and WebSocket APIs; an IAM subset later).
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

    /// Amazon API Gateway's HTTP and WebSocket API control plane (botocore `apigatewayv2` 2018-11-29).
    package static let apigatewayv2 = AdminService("apigatewayv2")

    package var description: String { name }
}
