import Testing
@testable import Shared

@Suite struct TopLevelJSONScannerTests {
    /// Top-level keys and raw values the scanner reports for `json`, or nil when it refuses it.
    static func members(_ json: String) -> [String]? {
        let bytes = Array(json.utf8)
        let scanner = TopLevelJSONScanner(bytes)
        var found: [String] = []
        let shaped = scanner.forEachMember { member in
            found.append(String(decoding: bytes[member.key], as: UTF8.self) + "=" + String(decoding: bytes[member.value], as: UTF8.self))
            return true
        }
        return shaped ? found : nil
    }

    @Test(arguments: [
        ("{}", []),
        (" { \"a\" : 1 , \"b\":true }\n", ["a=1", "b=true"]),
        ("{\"a\":{\"checksum\":\"x\",\"n\":[1,{\"b\":\"}\"}]},\"checksum\":\"\"}", ["a={\"checksum\":\"x\",\"n\":[1,{\"b\":\"}\"}]}", "checksum=\"\""]),
        ("{\"s\":\"q\\\"}{\\\\\",\"t\":null}", ["s=\"q\\\"}{\\\\\"", "t=null"]),
        ("{\"k\\\"ey\":-1.5e3}", ["k\\\"ey=-1.5e3"]),
    ] as [(String, [String])])
    func reportsTopLevelMembersOnly(_ json: String, _ expected: [String]) {
        #expect(Self.members(json) == expected)
    }

    @Test(arguments: ["", "[1]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":\"open}", "{\"a\":[1,2}", "{} x"])
    func refusesWhatIsNotAnObject(_ json: String) {
        #expect(Self.members(json) == nil)
    }

    @Test func stopsWhenTheVisitorSaysSo() {
        let bytes = Array("{\"a\":1,\"b\":2,\"c\":3".utf8)  // unterminated after b: never reached
        let scanner = TopLevelJSONScanner(bytes)
        var seen = 0
        let shaped = scanner.forEachMember { _ in
            seen += 1
            return seen < 2
        }
        #expect(shaped && seen == 2)
    }
}
