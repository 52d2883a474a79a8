/// What an HTTP API route adds to its `CompiledRoute` (`CompiledRoute.httpApi`): the route key and
/// how its integration is called. Immutable; nil on every REST route.
package struct CompiledHttpRoute: Sendable, Equatable {
    /// `GET /pets/{id}`, `ANY /{proxy+}` or `$default` (`routeKey` of payload 2.0 events).
    package let routeKey: String
    /// `payloadFormatVersion` of the route's integration: `1.0` or `2.0` (AWS_PROXY), `1.0` otherwise.
    package let payloadFormatVersion: String
    /// True for the `$default` route: it matches what no other route does, and an HTTP_PROXY
    /// integration gets the whole request path appended to its URI (AWS: "sends the full request
    /// path to the integration").
    package let isCatchAll: Bool
    /// The route's JWT authorizer (`authorizationType: JWT`), nil for an open route.
    package let jwt: CompiledHttpJwt?
    /// The route's Lambda authorizer (`authorizationType: CUSTOM`), nil otherwise.
    package let lambda: CompiledHttpLambdaAuthorizer?
    /// The integration's `requestParameters`/`responseParameters`, nil when it has none.
    package let mapping: HttpParameterMapping?

    package init(routeKey: String, payloadFormatVersion: String, isCatchAll: Bool, jwt: CompiledHttpJwt? = nil,
                 lambda: CompiledHttpLambdaAuthorizer? = nil, mapping: HttpParameterMapping? = nil) {
        self.jwt = jwt
        self.lambda = lambda
        self.mapping = mapping
        self.routeKey = routeKey
        self.payloadFormatVersion = payloadFormatVersion
        self.isCatchAll = isCatchAll
    }
}
