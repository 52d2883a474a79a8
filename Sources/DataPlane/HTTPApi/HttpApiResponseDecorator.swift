import Shared

/// The method-response decoration of HTTP APIs (reference §2.6): `apigw-requestid` on every answer
/// (the request's extended id, AWS's `RL2XYiwjPHcEMEQ=` shape) and the gateway's `Date`; framing
/// headers are left to the server. REST's `x-amzn-RequestId`/`x-amz-apigw-id` are not sent.
enum HttpApiResponseDecorator {
    static func decorate(_ response: HTTPResponse, identifiers: RequestIdentifiers, date: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 2)
        for field in response.headers.fields where !dropped.contains(field.name) {
            headers.add(field.name, field.value)
        }
        headers.add("apigw-requestid", identifiers.extendedRequestId)
        headers.add("Date", date)
        var response = response
        response.headers = headers
        return response
    }

    private static let dropped = HeaderNameSet(["Content-Length", "Transfer-Encoding", "Date", "apigw-requestid"])
}
