import Shared

/// Builds the signed request of an AWS service integration (docs/compatibility.md, "AWS service integrations").
///
/// Starts from `HTTPIntegrationRequest.build` with the endpoint the step resolved (action style:
/// `/` with `Action={Action}` and the URI's `&k=v` parameters first in the query; path style: the
/// path as given), then: an action-style call to a JSON-protocol service gets `X-Amz-Target:
/// {prefix}.{Action}` and, unless the integration maps `Content-Type`, `application/x-amz-json-{1.0|1.1}`;
/// GET, HEAD and OPTIONS calls carry no body; the result is SigV4-signed for the service and the
/// ARN's region with the integration's role (unchanged when the node has no keys at all).
enum AWSServiceRequest {
    static func build(_ invocation: Invocation, target: AWSServiceTarget, endpoint: HTTPEndpoint, renderer: MappingTemplateRenderer,
                      signer: AWSRequestSigner) -> Result<UpstreamRequest, GatewayError> {
        var request: UpstreamRequest
        switch HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: renderer) {
        case .failure(let error): return .failure(error)
        case .success(let built): request = built
        }
        let mapped = invocation.route.integration.requestParameters
        if let amzTarget = target.amzTarget, case .json(_, let version) = target.wire {
            if !maps(mapped, header: "X-Amz-Target") { request.headers.set("X-Amz-Target", amzTarget) }
            if !maps(mapped, header: "Content-Type") { request.headers.set("Content-Type", "application/x-amz-json-" + version) }
        }
        if request.method == .GET || request.method == .HEAD || request.method == .OPTIONS {
            request.body = []
            if !maps(mapped, header: "Content-Type") { request.headers.remove("Content-Type") }
        }
        switch signer.sign(request, role: invocation.route.integration.credentials, service: target.service, region: target.region,
                           at: invocation.signingTime, what: invocation.callDescription) {
        case .failure: return .failure(.internalServerError)
        case .success(let signed): return .success(signed)
        }
    }

    /// Whether `requestParameters` map header `name` (case-insensitive).
    static func maps(_ parameters: [RequestParameterMapping], header name: String) -> Bool {
        parameters.contains { mapping in
            switch mapping.target {
            case .header(let mappedName), .multiValueHeader(let mappedName): return HTTPHeaders.equalsIgnoringCase(mappedName, name)
            default: return false
            }
        }
    }
}
