import Shared

/// The method-response phase's last step: headers every response carries (reference §2.6).
package enum ResponseDecorator {
    /// Sets `x-amzn-RequestId`, `x-amz-apigw-id` and `X-Amzn-Trace-Id`, and removes framing headers
    /// (the server writes `Content-Length`/`Transfer-Encoding` itself).
    package static func decorate(_ response: HTTPResponse, identifiers: RequestIdentifiers) -> HTTPResponse {
        var response = response
        response.headers.remove("Content-Length")
        response.headers.remove("Transfer-Encoding")
        response.headers.set("x-amzn-RequestId", identifiers.requestId)
        response.headers.set("x-amz-apigw-id", identifiers.extendedRequestId)
        response.headers.set("X-Amzn-Trace-Id", identifiers.traceId)
        return response
    }
}
