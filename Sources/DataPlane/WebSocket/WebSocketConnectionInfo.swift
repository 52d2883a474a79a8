import Shared

/// What a WebSocket connection is, fixed at its `$connect`: ids, where it came from, when.
/// Immutable and `Sendable`: the registry hands it to any thread (GetConnection, `$disconnect`).
package struct WebSocketConnectionInfo: Sendable {
    package let connectionId: String
    package let apiId: String
    package let stageName: String
    /// The `Host` the client connected to (`domainName` of the Lambda event).
    package let domainName: String
    /// Wall-clock epoch milliseconds of the upgrade.
    package let connectedAtMillis: Int64
    package let sourceIp: String
    package let userAgent: String?
    /// The upgrade request's headers (the `$connect` and `$disconnect` events carry them).
    package let headers: HTTPHeaders
    /// The upgrade request's query (`queryStringParameters` of the `$connect` event).
    package let query: Substring?
    /// What the `$connect` REQUEST authorizer returned (`requestContext.authorizer` of every event).
    package var authorizer: WebSocketAuthorizerIdentity?

    package init(connectionId: String, apiId: String, stageName: String, domainName: String, connectedAtMillis: Int64,
                 sourceIp: String, userAgent: String?, headers: HTTPHeaders, query: Substring?) {
        self.connectionId = connectionId
        self.apiId = apiId
        self.stageName = stageName
        self.domainName = domainName
        self.connectedAtMillis = connectedAtMillis
        self.sourceIp = sourceIp
        self.userAgent = userAgent
        self.headers = headers
        self.query = query
    }
}

/// A Lambda authorizer's `principalId` and `context` (values as strings), kept for the connection.
package struct WebSocketAuthorizerIdentity: Sendable {
    package let principalId: String
    package let context: [(key: String, value: String)]

    package init(principalId: String, context: [(key: String, value: String)]) {
        self.principalId = principalId
        self.context = context
    }
}
