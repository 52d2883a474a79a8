/// What one test run answered (TestInvokeMethodResponse / TestInvokeAuthorizerResponse fields).
///
/// For a method: the response the pipeline produced (`status`, `headers`, `body`). For an
/// authorizer: `status` is the `clientStatus` the request would get (200 allowed, 401, 403, 500),
/// and `authorizer` what the authorizer returned. `log` is the execution log of the request;
/// `latencyMillis` the wall time of the run.
package struct TestInvokeResult: Sendable, Equatable {
    /// What an authorizer returned, as far as it answered.
    package struct AuthorizerOutcome: Sendable, Equatable {
        /// A Lambda authorizer's `principalId` (nil: none returned, or Cognito).
        package var principalId: String?
        /// A Lambda authorizer's `policyDocument` as JSON text (nil: none returned).
        package var policy: String?
        /// A Lambda authorizer's `context`, values as strings (`$context.authorizer.KEY`).
        package var context: [String: String]
        /// A Cognito authorizer's verified token claims (nil: Lambda, or the token was refused).
        package var claims: [String: String]?

        package init(principalId: String? = nil, policy: String? = nil, context: [String: String] = [:], claims: [String: String]? = nil) {
            self.principalId = principalId
            self.policy = policy
            self.context = context
            self.claims = claims
        }
    }

    package var status: Int
    /// Response headers in order, repeated names kept.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    package var log: String
    package var latencyMillis: Int64
    package var authorizer: AuthorizerOutcome?

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], log: String = "",
                 latencyMillis: Int64 = 0, authorizer: AuthorizerOutcome? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.log = log
        self.latencyMillis = latencyMillis
        self.authorizer = authorizer
    }

    package static func == (lhs: TestInvokeResult, rhs: TestInvokeResult) -> Bool {
        lhs.status == rhs.status && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 }) && lhs.body == rhs.body
            && lhs.log == rhs.log && lhs.latencyMillis == rhs.latencyMillis && lhs.authorizer == rhs.authorizer
    }
}
