import Shared

/// The terminal step of a route whose integration cannot be served (a broken target, AWS_PROXY on
/// a node without `--lambda-endpoint`): 500 `Internal server error`, as AWS answers a configuration error.
struct MisconfiguredIntegration: IntegrationStep {
    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        finish(.failure(.internalServerError), .none)
    }
}
