import Shared

/// What every Lambda proxy integration (REST `AWS_PROXY`, HTTP API `AWS_PROXY` in both payload
/// formats) makes of the Invoke API's answer before reading the function's result: a transport
/// failure, a non-2xx status of the Invoke API or an `X-Amz-Function-Error` becomes the gateway's
/// error (timeout → integration timeout, overloaded client → 503, other transport failures and
/// function errors → the malformed-Lambda answer, a refused call → 500), with the report the access
/// log and metrics read. Pure.
enum LambdaInvokeAnswer {
    /// The function ran: its answer and the report so far (Invoke status and headers).
    case invoked(UpstreamResponse, IntegrationReport)
    /// Answer with this error; the report says why.
    case refused(GatewayError, IntegrationReport)

    init(_ outcome: Result<UpstreamResponse, IntegrationFailure>) {
        let upstream: UpstreamResponse
        switch outcome {
        case .failure(let failure):
            let report = IntegrationReport(endpoint: .lambda, failure: .transport(failure))
            switch failure {
            case .timeout: self = .refused(.integrationTimeout, report)
            case .overloaded: self = .refused(.serviceUnavailable, report)
            default: self = .refused(.lambdaMalformed, report)
            }
            return
        case .success(let response): upstream = response
        }
        var report = IntegrationReport(endpoint: .lambda, serviceStatus: upstream.status, awsHeaders: upstream.headers)
        guard (200..<300).contains(upstream.status) else {
            report.failure = .serviceRefused(payload: upstream.body)
            self = .refused(.internalServerError, report)
            return
        }
        if upstream.headers.contains("X-Amz-Function-Error") {
            report.failure = .functionError(payload: upstream.body)
            self = .refused(.lambdaMalformed, report)
            return
        }
        self = .invoked(upstream, report)
    }
}
