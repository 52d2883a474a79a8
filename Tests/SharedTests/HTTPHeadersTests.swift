import Testing
@testable import Shared

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Host": "a", "X-Thing": "1"]
        headers.add("x-thing", "2")
        #expect(headers["HOST"] == "a")
        #expect(headers.values("X-THING") == ["1", "2"])
        headers.set("X-Thing", "3")
        #expect(headers.values("x-thing") == ["3"])
        #expect(headers.fields.map(\.name) == ["Host", "X-Thing"])
        headers.remove("host")
        #expect(headers.count == 1)
    }
}
