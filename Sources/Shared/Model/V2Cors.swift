/// An HTTP API's CORS configuration (`Cors`): what the data plane answers preflights with and
/// adds to responses. The control plane checks it (`V2Cors+Rules`).
package struct V2Cors: Codable, Sendable, Equatable {
    package var allowCredentials: Bool?
    package var allowHeaders: [String]?
    package var allowMethods: [String]?
    package var allowOrigins: [String]?
    package var exposeHeaders: [String]?
    package var maxAge: Int?

    package init(allowCredentials: Bool? = nil, allowHeaders: [String]? = nil, allowMethods: [String]? = nil,
                 allowOrigins: [String]? = nil, exposeHeaders: [String]? = nil, maxAge: Int? = nil) {
        self.allowCredentials = allowCredentials
        self.allowHeaders = allowHeaders
        self.allowMethods = allowMethods
        self.allowOrigins = allowOrigins
        self.exposeHeaders = exposeHeaders
        self.maxAge = maxAge
    }
}
