import Shared

/// How an integration step ends its request: the method response (or the gateway error) and what
/// it learned about the endpoint's answer (`IntegrationReport`, for access logs).
package typealias IntegrationFinish = @Sendable (Result<HTTPResponse, GatewayError>, IntegrationReport) -> Void

/// The terminal step of a route's chain: integration request → integration → integration response.
///
/// Chosen per route when the chain is built (`IntegrationCatalog`), so a request pays for no
/// `switch` over integration types. `run` is called at most once per request, on the request's
/// loop, after every request hook let it through; it calls `finish` exactly once, from whichever
/// thread the invoker completes on (or synchronously). Integrations live in their own folders
/// (`HTTP`, `HTTPProxy`, `Mock`, `AWSProxy`, `AWS` for Lambda custom integrations, `AWSService`);
/// VPC links would get theirs.
package protocol IntegrationStep: Sendable {
    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish)
}

extension IntegrationStep {
    /// `run` for callers that want only the outcome (tests).
    package func run(_ invocation: Invocation, outcome: @escaping @Sendable (Result<HTTPResponse, GatewayError>) -> Void) {
        run(invocation) { result, _ in outcome(result) }
    }
}
