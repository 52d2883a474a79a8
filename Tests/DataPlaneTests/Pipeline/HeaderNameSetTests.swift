import Testing
@testable import DataPlane

@Suite struct HeaderNameSetTests {
    static let set = HeaderNameSet(["Content-Length", "TE", "X-Amzn-Trace-Id"])

    @Test(arguments: [
        ("content-length", "Content-Length"),
        ("CONTENT-LENGTH", "Content-Length"),
        ("te", "TE"),
        ("x-amzn-trace-id", "X-Amzn-Trace-Id"),
    ])
    func findsNamesIgnoringCaseAndReturnsTheirSpelling(name: String, canonical: String) {
        #expect(Self.set.contains(name))
        #expect(Self.set.canonical(name) == canonical)
    }

    @Test(arguments: ["Content-Type", "Content-Lengths", "T", "", "Transfer-Encoding", "x-amzn-trace-ix"])
    func rejectsOtherNames(name: String) {
        #expect(!Self.set.contains(name))
        #expect(Self.set.canonical(name) == nil)
    }

    @Test func handlesNamesOfSixtyFourBytesAndMore() {
        let long = String(repeating: "a", count: 70)
        let set = HeaderNameSet([long])
        #expect(set.contains(long.uppercased()))
        #expect(!set.contains(String(repeating: "a", count: 80)))
    }
}
