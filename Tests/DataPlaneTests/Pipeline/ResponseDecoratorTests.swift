import Shared
import Testing
@testable import DataPlane

@Suite struct ResponseDecoratorTests {
    static let ids = RequestIdentifiers(requestId: "req-1", extendedRequestId: "ext-1=", traceId: "Root=1-0-abc")
    static let date = "Sun, 22 Nov 2026 02:30:00 GMT"

    /// The rule as plain `HTTPHeaders` calls: drop framing, then `set` each identifier.
    static func oracle(_ headers: HTTPHeaders) -> HTTPHeaders {
        var headers = headers
        headers.remove("Content-Length")
        headers.remove("Transfer-Encoding")
        headers.remove("Date")
        headers.set("x-amzn-RequestId", ids.requestId)
        headers.set("x-amz-apigw-id", ids.extendedRequestId)
        headers.set("X-Amzn-Trace-Id", ids.traceId)
        headers.add("Date", date)
        return headers
    }

    @Test(arguments: [
        [(String, String)](),
        [("Content-Type", "text/plain"), ("Content-Length", "5")],
        [("transfer-encoding", "chunked"), ("X-A", "1")],
        [("X-AMZN-TRACE-ID", "old"), ("X-B", "2"), ("x-amzn-trace-id", "older")],
        [("x-amz-apigw-id", "a"), ("x-amzn-requestid", "b"), ("Set-Cookie", "c=1"), ("Set-Cookie", "d=2")],
        [("date", "Mon, 01 Jan 2001 00:00:00 GMT"), ("x-amzn-Remapped-Date", "Mon, 01 Jan 2001 00:00:00 GMT")],
    ])
    func matchesSettingEachIdentifierAfterDroppingFraming(fields: [(String, String)]) {
        var headers = HTTPHeaders()
        for (name, value) in fields { headers.add(name, value) }
        let decorated = ResponseDecorator.decorate(HTTPResponse(status: 200, headers: headers, body: []), identifiers: Self.ids, date: Self.date)
        let expected = Self.oracle(headers)
        #expect(decorated.headers.map { "\($0.name): \($0.value)" } == expected.map { "\($0.name): \($0.value)" })
    }

    @Test func keepsStatusAndBody() {
        let decorated = ResponseDecorator.decorate(HTTPResponse(status: 418, headers: HTTPHeaders(), body: [1, 2]), identifiers: Self.ids, date: Self.date)
        #expect(decorated.status == 418)
        #expect(decorated.body == [1, 2])
        #expect(decorated.headers["X-Amzn-Trace-Id"] == "Root=1-0-abc")
        #expect(decorated.headers.values("Date") == [Self.date])
    }
}
