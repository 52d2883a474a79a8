import Testing
@testable import DataPlane
@testable import Shared

/// AWS's content type conversion tables, row by row, and the conversions on a real HTTP
/// integration's request and response.
@Suite struct ContentConversionTests {
    typealias F = PipelineFixtures
    static let bytes: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]
    static let base64 = Array(Base64.encode(bytes).utf8)       // "iVBORwD/"
    static let text = Array("plain text".utf8)
    static let types = ["image/*"]

    enum Out { case same, decoded, encoded, failure }

    static func expect(_ result: [UInt8]?, _ input: [UInt8], _ out: Out) {
        switch out {
        case .same: #expect(result == input)
        case .decoded: #expect(result == bytes)
        case .encoded: #expect(result == Array(Base64.encode(input).utf8))
        case .failure: #expect(result == nil)
        }
    }

    // Request table: (Content-Type, binaryMediaTypes, contentHandling, result).
    @Test(arguments: [
        ("text/plain", [], nil, Out.same),
        ("text/plain", [], "CONVERT_TO_BINARY", .decoded),
        ("text/plain", [], "CONVERT_TO_TEXT", .same),
        ("text/plain", types, nil, .same),
        ("text/plain", types, "CONVERT_TO_BINARY", .decoded),
        ("text/plain", types, "CONVERT_TO_TEXT", .same),
        ("image/png", types, nil, .same),
        ("image/png", types, "CONVERT_TO_BINARY", .same),
        ("image/png", types, "CONVERT_TO_TEXT", .encoded),
    ] as [(String, [String], String?, Out)])
    func integrationRequestPayload(contentType: String, binaryMediaTypes: [String], handling: String?, out: Out) {
        let input = contentType == "image/png" ? Self.bytes : Self.base64
        Self.expect(ContentConversion.integrationRequestBody(input, contentType: contentType, binaryMediaTypes: binaryMediaTypes,
                                                             handling: handling), input, out)
    }

    // Response table: (integration Content-Type, request Accept, binaryMediaTypes, contentHandling, result).
    @Test(arguments: [
        ("text/plain", "text/plain", [], nil, Out.same),
        ("text/plain", "text/plain", [], "CONVERT_TO_BINARY", .decoded),
        ("text/plain", "text/plain", [], "CONVERT_TO_TEXT", .same),
        ("image/png", "image/png", [], nil, .same),                              // no binaryMediaTypes: all is text
        ("text/plain", "text/plain", types, nil, .same),
        ("text/plain", "text/plain", types, "CONVERT_TO_BINARY", .decoded),
        ("text/plain", "text/plain", types, "CONVERT_TO_TEXT", .same),
        ("text/plain", "image/png", types, nil, .decoded),
        ("text/plain", "image/png", types, "CONVERT_TO_BINARY", .decoded),
        ("text/plain", "image/png", types, "CONVERT_TO_TEXT", .same),
        ("image/png", "text/plain", types, nil, .encoded),
        ("image/png", "text/plain", types, "CONVERT_TO_BINARY", .same),
        ("image/png", "text/plain", types, "CONVERT_TO_TEXT", .encoded),
        ("image/png", "image/png", types, nil, .same),
        ("image/png", "image/png", types, "CONVERT_TO_BINARY", .same),
        ("image/png", "image/png", types, "CONVERT_TO_TEXT", .encoded),
        ("image/png", "text/html, image/png", types, nil, .encoded),             // only the first Accept type counts
    ] as [(String, String, [String], String?, Out)])
    func methodResponsePayload(contentType: String, accept: String, binaryMediaTypes: [String], handling: String?, out: Out) {
        let input = contentType == "image/png" ? Self.bytes : Self.base64
        Self.expect(ContentConversion.methodResponseBody(input, contentType: contentType, accept: accept, binaryMediaTypes: binaryMediaTypes,
                                                         handling: handling), input, out)
    }

    @Test func aPayloadThatIsNotBase64CannotBeDecoded() {
        #expect(ContentConversion.integrationRequestBody(Self.text, contentType: "text/plain", binaryMediaTypes: [],
                                                         handling: "CONVERT_TO_BINARY") == nil)
        #expect(ContentConversion.methodResponseBody(Self.bytes, contentType: "text/plain", accept: "image/png", binaryMediaTypes: Self.types,
                                                     handling: nil) == nil)
    }

    static func snapshot(requestHandling: String?, responseHandling: String?) throws -> CompiledSnapshot {
        let integration = Integration(type: "HTTP", httpMethod: "POST", uri: "http://backend:8080/up", contentHandling: requestHandling,
                                      integrationResponses: ["200": IntegrationResponse(statusCode: "200", contentHandling: responseHandling)])
        return try F.snapshot(F.content([("/up", ["POST": F.method("POST", integration)])], binaryMediaTypes: Self.types))
    }

    @Test func anHTTPIntegrationConvertsBothWays() throws {
        var upstreamHeaders = HTTPHeaders()
        upstreamHeaders.add("Content-Type", "image/png")
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 200, headers: upstreamHeaders, body: Self.bytes)))
        let response = RequestPipelineTests.run(F.request("POST", "/prod/up", headers: [("Content-Type", "text/plain"), ("Accept", "application/json")],
                                                          body: Self.base64),
                                                snapshot: try Self.snapshot(requestHandling: "CONVERT_TO_BINARY", responseHandling: "CONVERT_TO_TEXT"),
                                                invoker: invoker)
        #expect(invoker.requests.first?.body == Self.bytes)
        #expect(response.status == 200)
        #expect(response.body == Self.base64)
    }

    @Test func aBodyThatCannotBeDecodedIs500() throws {
        let invoker = RecordingInvoker()
        let response = RequestPipelineTests.run(F.request("POST", "/prod/up", headers: [("Content-Type", "text/plain")], body: Array("not base64!".utf8)),
                                                snapshot: try Self.snapshot(requestHandling: "CONVERT_TO_BINARY", responseHandling: nil),
                                                invoker: invoker)
        #expect(response.status == 500)
        #expect(invoker.requests.isEmpty)
    }
}
