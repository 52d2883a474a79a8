import Testing
@testable import DataPlane

@Suite struct LambdaProxyResultTests {
    static func parse(_ text: String) -> Result<LambdaProxyResult, LambdaProxyResult.Malformed> {
        LambdaProxyResult.parse(Array(text.utf8))
    }

    @Test(arguments: [
        "",
        "not json",
        #""a bare string""#,
        "[]",
        "null",
        "42",
        #"{"statusCode": 200, "extra": 1}"#,
        #"{"errorMessage": "boom", "errorType": "Error"}"#,
        #"{"statusCode": "abc"}"#,
        #"{"statusCode": 200.5}"#,
        #"{"statusCode": 99}"#,
        #"{"statusCode": true}"#,
        #"{"headers": "x"}"#,
        #"{"headers": {"a": 1}}"#,
        #"{"headers": {"a": ["x"]}}"#,
        #"{"multiValueHeaders": {"a": "x"}}"#,
        #"{"multiValueHeaders": {"a": [{"b": 1}]}}"#,
        #"{"multiValueHeaders": []}"#,
        #"{"body": {"a": 1}}"#,
        #"{"body": 5}"#,
        #"{"isBase64Encoded": "true"}"#,
        #"{"statusCode": 200"#,
    ])
    func rejectsMalformedResults(payload: String) {
        guard case .failure = Self.parse(payload) else {
            Issue.record("accepted \(payload)")
            return
        }
    }

    @Test func anEmptyObjectIsA200WithAnEmptyBody() throws {
        let result = try Self.parse("{}").get()
        #expect(result.statusCode == 200)
        #expect(result.body == "")
        #expect(result.headers.isEmpty)
        #expect(!result.isBase64Encoded)
    }

    @Test func acceptsEveryDocumentedFieldAndMergesHeaders() throws {
        let result = try Self.parse("""
        {"statusCode": "201", "headers": {"X-A": "1", "X-Flag": true, "Set-Cookie": "ignored"},
         "multiValueHeaders": {"set-cookie": ["a=1", "b=2"], "X-N": [3, null]}, "body": "done", "isBase64Encoded": false}
        """).get()
        #expect(result.statusCode == 201)
        #expect(result.body == "done")
        #expect(result.headers.map(\.name) == ["X-A", "X-Flag", "set-cookie", "X-N"])
        #expect(result.headers.map(\.values) == [["1"], ["true"], ["a=1", "b=2"], ["3"]])
    }

    @Test func nullFieldsCountAsAbsent() throws {
        let result = try Self.parse(#"{"statusCode": null, "headers": null, "multiValueHeaders": null, "body": null, "isBase64Encoded": null}"#).get()
        #expect(result.statusCode == 200)
        #expect(result.body == "")
    }
}
