import Shared

/// The method-response phase's last step: headers every response carries (reference §2.6).
package enum ResponseDecorator {
    /// Sets `x-amzn-RequestId`, `x-amz-apigw-id` and `X-Amzn-Trace-Id`, removes framing headers (the
    /// server writes `Content-Length`/`Transfer-Encoding` itself), and sets `Date` to `date` (the
    /// gateway's own, as AWS's: an integration's `Date` was remapped to `x-amzn-Remapped-Date`
    /// before this, and any other is replaced).
    ///
    /// One pass over the headers, with the result of `HTTPHeaders.set` for each identifier: the
    /// first field of that name is replaced where it stands, later ones are dropped, and a missing
    /// one is appended (in the order above). Every response goes through here, so it does not
    /// rescan the headers once per name.
    package static func decorate(_ response: HTTPResponse, identifiers: RequestIdentifiers, date: String) -> HTTPResponse {
        // Bit n set: identifier n is written. The headers get their final size up front (the
        // identifiers and Date are at most four more), so the array is allocated once.
        var written: UInt8 = 0
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 4)
        for field in response.headers.fields {
            if framing.contains(field.name) { continue }
            if let index = Self.identifiers.index(of: field.name) {
                if written & 1 << index == 0 {
                    headers.add(identifierNames[index], value(index, identifiers))
                    written |= 1 << index
                }
                continue
            }
            headers.add(field.name, field.value)
        }
        for index in 0..<3 where written & 1 << index == 0 { headers.add(identifierNames[index], value(index, identifiers)) }
        headers.add("Date", date)
        var response = response
        response.headers = headers
        return response
    }

    /// Dropped from what the integration produced (framing, and `Date`, which is set afresh).
    private static let framing = HeaderNameSet(["Content-Length", "Transfer-Encoding", "Date"])
    private static let identifierNames = ["x-amzn-RequestId", "x-amz-apigw-id", "X-Amzn-Trace-Id"]
    private static let identifiers = HeaderNameSet(identifierNames)

    /// The value of `identifierNames[index]`.
    private static func value(_ index: Int, _ identifiers: RequestIdentifiers) -> String {
        switch index {
        case 0: identifiers.requestId
        case 1: identifiers.extendedRequestId
        default: identifiers.traceId
        }
    }
}
