/// One TestInvokeMethod or TestInvokeAuthorizer call as the control plane hands it to whatever runs
/// it (docs/compatibility.md, "TestInvokeMethod"): the API's **current** definition (what a
/// CreateDeployment would freeze now, never stored), what to run, and the test request.
///
/// Plain values in `Shared` so the control plane (which asks) and the data plane (which runs the
/// node's pipeline) share them without importing each other.
package struct TestInvokeRequest: Sendable {
    /// What the test runs.
    package enum Target: Sendable, Equatable {
        /// The method `httpMethod` of resource `resourceId` (TestInvokeMethod).
        case method(resourceId: String, httpMethod: String)
        /// The authorizer `authorizerId` alone (TestInvokeAuthorizer).
        case authorizer(authorizerId: String)
    }

    package var restApiId: String
    /// The definition as it is now (`DeploymentContent` of the API, not of a deployment).
    package var definition: DeploymentContent
    package var target: Target
    /// `pathWithQueryString`: the path after the stage, with its query (`/pets/1?x=y`); nil: the
    /// resource's path (method) or `/` (authorizer).
    package var pathWithQueryString: String?
    package var body: String?
    package var headers: [String: String]
    package var multiValueHeaders: [String: [String]]
    /// The stage variables the test runs with (there is no stage: only these).
    package var stageVariables: [String: String]
    /// `$context.accountId` and the region in method ARNs.
    package var accountId: String
    package var region: String

    package init(restApiId: String, definition: DeploymentContent, target: Target, pathWithQueryString: String? = nil,
                 body: String? = nil, headers: [String: String] = [:], multiValueHeaders: [String: [String]] = [:],
                 stageVariables: [String: String] = [:], accountId: String = "000000000000", region: String = "us-east-1") {
        self.restApiId = restApiId
        self.definition = definition
        self.target = target
        self.pathWithQueryString = pathWithQueryString
        self.body = body
        self.headers = headers
        self.multiValueHeaders = multiValueHeaders
        self.stageVariables = stageVariables
        self.accountId = accountId
        self.region = region
    }
}

/// Why a test cannot run (the definition does not compile, the path names another resource): the
/// control plane answers 400 `BadRequestException` with `message`.
package struct TestInvokeRefusal: Error, Sendable, Equatable {
    package let message: String
    package init(_ message: String) { self.message = message }
}

/// A prepared test: compiled, not yet run. `start` runs it once and calls its argument exactly
/// once, from any thread, with the result.
package struct TestInvokeRun: Sendable {
    package let start: @Sendable (@escaping @Sendable (TestInvokeResult) -> Void) -> Void

    package init(start: @escaping @Sendable (@escaping @Sendable (TestInvokeResult) -> Void) -> Void) {
        self.start = start
    }
}
