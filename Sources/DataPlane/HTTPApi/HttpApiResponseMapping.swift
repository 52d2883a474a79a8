import Shared

/// The integration-response half of an HTTP API's parameter mapping: `responseParameters` keyed by
/// the integration's status code, applied to the integration's own answers only (never to the
/// gateway's errors: a 401 from an authorizer or a 503 timeout is not remapped). Wraps the route's
/// terminal step (`IntegrationCatalog.httpApiStep`).
///
/// Values are computed from the answer as the integration sent it, then applied in key order:
/// `append|overwrite|remove:header.X` as on the request side, `overwrite:statuscode` sets the
/// status (a value that is not a status code 100–599 → 500, as the mapping cannot be applied).
struct HttpApiResponseMapping: IntegrationStep {
    let step: any IntegrationStep
    /// By status code (`HttpParameterMapping.responses`).
    let responses: [Int: [HttpParameterMapping.Operation]]

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        let responses = self.responses
        step.run(invocation) { outcome, report in
            guard case .success(let response) = outcome, let operations = responses[response.status] else { return finish(outcome, report) }
            finish(Self.apply(operations, to: response, invocation: invocation), report)
        }
    }

    static func apply(_ operations: [HttpParameterMapping.Operation], to response: HTTPResponse,
                      invocation: Invocation) -> Result<HTTPResponse, GatewayError> {
        var values = HttpApiMappingValues(invocation, response: response)
        let computed = operations.map { $0.action == .remove ? nil : values.text($0.value) }
        var mapped = response
        for (operation, value) in zip(operations, computed) {
            if operation.action != .remove, value == nil { continue }
            switch operation.target {
            case .header(let name):
                if let value, !HttpApiMappingValues.isHeaderSafe(value) { continue }
                if operation.action != .append { mapped.headers.remove(name) }
                if let value { mapped.headers.add(name, value) }
            case .statusCode:
                guard let value, let status = Int(value), (100...599).contains(status) else { return .failure(.internalServerError) }
                mapped.status = status
            case .querystring, .path:
                continue  // request-only; the compiler never puts them here
            }
        }
        return .success(mapped)
    }
}
