import Shared

/// What a client sees when a route refuses it for a protection the data plane does not enforce yet
/// (`AccessRefusal`, compiled per route): AWS's answer to a caller without valid credentials.
extension AccessRefusal {
    /// The gateway error for a `method` request to `path` (the part after the stage) on `stage`.
    /// Runs on the request's loop, only for refused requests (the ARN is built per refusal).
    package func gatewayError(method: String, path: Substring, stage: CompiledStage,
                              configuration: PipelineConfiguration) -> GatewayError {
        switch self {
        case .resourcePolicy:
            return .accessDenied(resource: Self.methodArn(region: configuration.region, accountId: configuration.accountId,
                                                          restApiId: stage.restApiId, stage: stage.stageName,
                                                          method: method, path: path))
        case .iam: return .missingAuthenticationToken
        case .authorizer: return .unauthorized
        }
    }

    /// The method ARN as AWS prints it in a denial:
    /// `arn:aws:execute-api:{region}:********{last 4 of account}:{apiId}/{stage}/{VERB}/{path}` — the
    /// account id masked but for its last four digits, the request's own verb and path without its
    /// leading slash (the root is `…/GET/`), as in a real AWS answer (`********2543:vd2gh6uqw3/api/GET/`).
    static func methodArn(region: String, accountId: String, restApiId: String, stage: String,
                          method: String, path: Substring) -> String {
        var trimmed = path
        if trimmed.first == "/" { trimmed = trimmed.dropFirst() }
        return "arn:aws:execute-api:\(region):********\(accountId.suffix(4)):\(restApiId)/\(stage)/\(method)/\(trimmed)"
    }
}
