import Testing
@testable import Shared

@Suite struct IntegrationResponseTableTests {
    static func table(_ responses: [String: String?]) throws -> IntegrationResponseTable {
        let integration = Integration(type: "MOCK", integrationResponses: responses.reduce(into: [:]) { result, entry in
            result[entry.key] = IntegrationResponse(statusCode: entry.key, selectionPattern: entry.value)
        })
        let content = CompileFixtures.content([("/a", ["GET": CompileFixtures.method("GET", integration)])])
        return try CompileFixtures.compileOne(content).routes[0].integration.responses
    }

    @Test(arguments: [
        (200, 200), (201, 200), (404, 400), (400, 400), (500, 500), (503, 500), (302, 200), (418, 400),
    ])
    func selectsByWholeMatchOfTheStatusThenDefault(status: Int, expected: Int) throws {
        let table = try Self.table(["200": nil, "400": #"4\d{2}"#, "500": "5.*"])
        #expect(table.select(status: status)?.statusCode == expected)
    }

    @Test func patternsMustMatchTheWholeStatus() throws {
        let table = try Self.table(["404": "40", "200": ""])
        #expect(table.select(status: 404)?.statusCode == 200)
        #expect(table.select(status: 40)?.statusCode == 200)
    }

    @Test func exactDigitsAndFirstMatchingStatusWin() throws {
        let table = try Self.table(["201": "404", "202": ".*4.*"])
        #expect(table.select(status: 404)?.statusCode == 201)
        #expect(table.select(status: 504)?.statusCode == 202)
        #expect(table.select(status: 200) == nil)   // no default → 500 at runtime
    }

    @Test func anEmptyTableSelectsNothing() {
        #expect(IntegrationResponseTable.empty.select(status: 200) == nil)
    }

    @Test func statusCodeSetsHoldTheirBits() {
        var set = StatusCodeSet()
        #expect(set.isEmpty)
        set.insert(100)
        set.insert(599)
        set.insert(42)
        #expect(set.contains(100) && set.contains(599))
        #expect(!set.contains(42) && !set.contains(200) && !set.contains(700))
        #expect(!set.isEmpty)
    }
}
