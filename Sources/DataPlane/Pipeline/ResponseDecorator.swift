import Shared

/// The method-response phase's last step: headers every response carries (reference §2.6).
package enum ResponseDecorator {
    /// Sets `x-amzn-RequestId`, `x-amz-apigw-id` and `X-Amzn-Trace-Id`, and removes framing headers
    /// (the server writes `Content-Length`/`Transfer-Encoding` itself).
    ///
    /// One pass over the headers, with the result of `HTTPHeaders.set` for each identifier: the
    /// first field of that name is replaced where it stands, later ones are dropped, and a missing
    /// one is appended (in the order above). Every response goes through here, so it does not
    /// rescan the headers once per name.
    package static func decorate(_ response: HTTPResponse, identifiers: RequestIdentifiers) -> HTTPResponse {
        let values = [identifiers.requestId, identifiers.extendedRequestId, identifiers.traceId]
        var written = [false, false, false]
        var headers = HTTPHeaders()
        for field in response.headers {
            if framing.contains(field.name) { continue }
            if let index = identifierIndex(field.name) {
                if !written[index] {
                    headers.add(identifierNames[index], values[index])
                    written[index] = true
                }
                continue
            }
            headers.add(field.name, field.value)
        }
        for index in 0..<3 where !written[index] { headers.add(identifierNames[index], values[index]) }
        var response = response
        response.headers = headers
        return response
    }

    private static let framing = HeaderNameSet(["Content-Length", "Transfer-Encoding"])
    private static let identifierNames = ["x-amzn-RequestId", "x-amz-apigw-id", "X-Amzn-Trace-Id"]
    private static let identifiers = HeaderNameSet(identifierNames)

    private static func identifierIndex(_ name: String) -> Int? {
        guard let canonical = identifiers.canonical(name) else { return nil }
        return identifierNames.firstIndex(of: canonical)
    }
}
