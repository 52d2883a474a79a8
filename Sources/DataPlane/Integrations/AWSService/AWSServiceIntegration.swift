import Shared

/// AWS service integrations (`type: AWS` to SQS, SNS, DynamoDB, Kinesis, Step Functions, S3):
/// the request is built as an HTTP integration's (request templates / passthrough, `requestParameters`
/// for headers, query and path placeholders, `$context.requestOverride`), then given what the
/// service's protocol needs (`AWSServiceRequest`), signed with the integration's `credentials` role
/// and sent to `--aws-endpoint` (else `https://{service}.{region}.amazonaws.com`). The answer's
/// integration response is selected by status code, as for HTTP (AWS does so for every non-Lambda
/// back end), and mapped the same way. One step per route, built per snapshot.
struct AWSServiceIntegration: IntegrationStep {
    let target: AWSServiceTarget
    let endpoint: HTTPEndpoint
    let invoker: any IntegrationInvoker
    let renderer: MappingTemplateRenderer
    let signer: AWSRequestSigner

    /// The endpoint `target` is called at: `override`'s scheme, host, port and base path with the
    /// target's path (an S3 bucket subdomain leading it: path-style addressing, as LocalStack and
    /// moto take it), else the service's AWS host over https (verified like any `https` integration).
    static func endpoint(for target: AWSServiceTarget, override: LambdaEndpoint?) -> HTTPEndpoint {
        guard let override else {
            return HTTPEndpoint(isTLS: true, host: target.awsHost, port: 443, hostHeader: target.awsHost,
                                path: target.pathPieces, query: target.query)
        }
        var pieces = target.pathPieces
        let prefix = override.basePath + (target.subdomain.map { "/" + PercentEncoding.encode($0, keeping: .unreserved) } ?? "")
        if !prefix.isEmpty, case .literal(let first)? = pieces.first { pieces[0] = .literal(prefix + first) }
        return HTTPEndpoint(isTLS: override.isTLS, host: override.host, port: override.port, hostHeader: override.hostHeader,
                            path: pieces, query: target.query)
    }

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        switch AWSServiceRequest.build(invocation, target: target, endpoint: endpoint, renderer: renderer, signer: signer) {
        case .failure(let error):
            finish(.failure(error), .none)
        case .success(let request):
            let renderer = self.renderer
            invoker.invoke(request) { outcome in
                finish(UpstreamOutcome.gateway(outcome).flatMap { IntegrationResponseMapping.mapped($0, invocation: invocation, renderer: renderer) },
                       .upstream(outcome, endpoint: .awsService))
            }
        }
    }
}
