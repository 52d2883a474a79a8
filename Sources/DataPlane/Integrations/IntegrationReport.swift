import Shared

/// What the integration step learned about its endpoint's answer, for the completion hooks
/// (`$context.integration.*`, `integrationStatus`, `integrationErrorMessage`, `awsEndpointRequestId`
/// in access logs; docs/compatibility.md, "Access logs").
///
/// Built by the integration on the thread its invoker completes on, from what it already holds:
/// numbers, and the AWS endpoint's response headers and a failed call's payload kept as received
/// (one retain each, no copy, no lookup). A request id or error message is read from them only
/// when a log line asks (`requestId`, `errorMessage`), so a request whose stage logs none of these
/// pays nothing for them. The empty report (`.none`) is what a request that never reached its
/// integration, or a MOCK one, carries.
package struct IntegrationReport: Sendable, Equatable {
    /// What kind of endpoint the integration called.
    package enum Endpoint: Sendable, Equatable {
        /// No call: the request never reached an integration, or a MOCK or misconfigured one answered.
        case none
        /// An HTTP or HTTP_PROXY backend.
        case http
        /// The Lambda Invoke API (AWS_PROXY, AWS Lambda custom integrations).
        case lambda
        /// An AWS service integration (`type: AWS` to SQS, DynamoDB, …).
        case awsService
    }

    /// Why the call produced no usable answer (`integration.error`).
    package enum Failure: Sendable, Equatable {
        /// No response: timeout, unreachable, unreadable, no body memory.
        case transport(IntegrationFailure)
        /// The function failed (`X-Amz-Function-Error`); its payload as received.
        case functionError(payload: [UInt8])
        /// The Lambda service refused the Invoke call (non-2xx); its payload as received.
        case serviceRefused(payload: [UInt8])
        /// A Lambda proxy result that is not `{statusCode, headers, body}`.
        case malformedProxyResult
    }

    package var endpoint: Endpoint
    /// `integration.status`: what the integration returned. HTTP backends and AWS services: the
    /// response's status; AWS_PROXY: the `statusCode` the function's result declares (0 when the
    /// function failed or its result was malformed); Lambda custom integrations: the Invoke API's
    /// status. 0: no answer.
    package var status: Int
    /// The Lambda Invoke API's HTTP status (`integrationStatus`, `integration.integrationStatus`
    /// for Lambda: the service's answer, 200 even when the function failed); 0 for other endpoints.
    package var serviceStatus: Int
    /// The AWS endpoint's response headers (Lambda Invoke, AWS services), nil for HTTP backends.
    package var awsHeaders: HTTPHeaders?
    package var failure: Failure?

    package init(endpoint: Endpoint, status: Int = 0, serviceStatus: Int = 0, awsHeaders: HTTPHeaders? = nil, failure: Failure? = nil) {
        self.endpoint = endpoint
        self.status = status
        self.serviceStatus = serviceStatus
        self.awsHeaders = awsHeaders
        self.failure = failure
    }

    /// Nothing was called.
    package static let none = IntegrationReport(endpoint: .none)

    /// An HTTP backend's or AWS service's transport outcome: its status, or why there was none.
    package static func upstream(_ outcome: Result<UpstreamResponse, IntegrationFailure>, endpoint: Endpoint) -> IntegrationReport {
        switch outcome {
        case .success(let response):
            return IntegrationReport(endpoint: endpoint, status: response.status,
                                     awsHeaders: endpoint == .awsService ? response.headers : nil)
        case .failure(let failure):
            return IntegrationReport(endpoint: endpoint, failure: .transport(failure))
        }
    }

    /// `integrationStatus`: for Lambda the Invoke API's status (AWS: "the status code returned
    /// from AWS Lambda, not from the backend Lambda function"), for other endpoints the same as
    /// `integration.status`; nil without an answer.
    package var integrationStatus: Int? {
        let value = endpoint == .lambda ? serviceStatus : status
        return value > 0 ? value : nil
    }

    /// `integration.status`; nil without one.
    package var integrationStatusCode: Int? { status > 0 ? status : nil }

    /// `integration.requestId`, `awsEndpointRequestId`: the AWS endpoint's request id
    /// (`x-amzn-RequestId`, S3's `x-amz-request-id`); nil for HTTP backends.
    package var requestId: String? {
        guard let awsHeaders else { return nil }
        return awsHeaders["x-amzn-RequestId"] ?? awsHeaders["x-amz-request-id"]
    }

    /// `awsEndpointRequestId2`: S3's `x-amz-id-2`.
    package var requestId2: String? { awsHeaders?["x-amz-id-2"] }

    /// `integration.error`, `integrationErrorMessage`: the error the integration returned, in
    /// Tollgate's words where AWS documents none (docs/compatibility.md); nil when it answered.
    package var errorMessage: String? {
        switch failure {
        case nil: return nil
        case .transport(.timeout)?: return "Endpoint request timed out"
        case .transport(.connectionFailed(let detail))?: return "Network error communicating with endpoint: \(detail)"
        case .transport(.invalidResponse(let detail))?: return "Invalid endpoint response: \(detail)"
        case .transport(.overloaded)?: return "No body memory left for the endpoint response"
        case .functionError(let payload)?:
            let message = Self.message(payload, key: "errorMessage")
            return message.isEmpty ? "Lambda function error" : message
        case .serviceRefused(let payload)?:
            let message = Self.message(payload, key: "message")
            return message.isEmpty ? "Lambda service returned status \(serviceStatus)" : message
        case .malformedProxyResult?: return "Malformed Lambda proxy response"
        }
    }

    /// The `key` (or its capitalised spelling) of a JSON error payload; a bare JSON string or
    /// non-JSON text is its own message.
    private static func message(_ payload: [UInt8], key: String) -> String {
        guard let value = try? JSONParser.parse(payload) else { return String(decoding: payload, as: UTF8.self) }
        if case .string(let text) = value { return text }
        if case .string(let message)? = value[key] { return message }
        if case .string(let message)? = value[key.prefix(1).uppercased() + key.dropFirst()] { return message }
        return ""
    }
}
