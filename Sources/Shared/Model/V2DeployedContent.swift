/// The part of an `apigatewayv2` API a deployment freezes: its routes, integrations and
/// authorizers at that moment (what the data plane serves from a stage pointing at it).
package struct V2DeployedContent: Codable, Sendable, Equatable {
    package var routes: [V2Route]
    package var integrations: [V2Integration]
    package var authorizers: [V2Authorizer]

    package init(routes: [V2Route], integrations: [V2Integration], authorizers: [V2Authorizer]) {
        self.routes = routes
        self.integrations = integrations
        self.authorizers = authorizers
    }
}
