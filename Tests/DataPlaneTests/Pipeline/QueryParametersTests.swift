import Testing
@testable import DataPlane

@Suite struct QueryParametersTests {
    @Test func decodesAndKeepsOrderAndRepeats() {
        let query = QueryParameters(raw: "a=1&b=x+y&a=2&empty=&flag&&c=%E2%9C%93&d=%zz")
        #expect(query.names == ["a", "b", "empty", "flag", "c", "d"])
        #expect(query.last("a") == "2")
        #expect(query.all("a") == ["1", "2"])
        #expect(query.last("b") == "x y")
        #expect(query.last("empty") == "")
        #expect(query.last("flag") == "")
        #expect(query.last("c") == "✓")
        #expect(query.last("d") == "%zz")
        #expect(query.last("A") == nil)
        #expect(QueryParameters(raw: nil).isEmpty)
    }
}
