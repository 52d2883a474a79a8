import Testing
@testable import Shared

/// The HTTP API parameter-mapping compiler: which keys and values compile into which operations,
/// and what is refused (the admin API's 400s, the node's fail-closed routes).
@Suite struct HttpParameterMappingTests {
    typealias M = HttpParameterMapping

    static let path = try! VTLJSONPath("$.a.b")

    @Test(arguments: [
        ("static", [HttpMappingValue.Piece.text("static")]),
        ("$request.header.X-Id", [.requestHeader("X-Id")]),
        ("${request.header.X-Id}", [.requestHeader("X-Id")]),
        ("$request.querystring.q", [.requestQuery("q")]),
        ("$request.body", [.requestBody(nil)]),
        ("$request.body.a.b", [.requestBody(path)]),
        ("$request.path", [.requestPath]),
        ("$request.path.id", [.requestPathParameter("id")]),
        ("$context.requestId", [.context("requestId")]),
        ("$context.authorizer.user", [.context("authorizer.user")]),
        ("$stageVariables.env", [.stageVariable("env")]),
        ("Bearer ${request.header.token}", [.text("Bearer "), .requestHeader("token")]),
        ("${request.path.a} ${request.path.b}", [.requestPathParameter("a"), .text(" "), .requestPathParameter("b")]),
        ("a ${stageVariables.x}-b", [.text("a "), .stageVariable("x"), .text("-b")]),
        ("cost $5", [.text("cost $5")]),
    ])
    func requestValuesCompileIntoPieces(text: String, pieces: [HttpMappingValue.Piece]) throws {
        #expect(try HttpMappingValue.compile(text, side: .request).pieces == pieces)
    }

    @Test(arguments: [
        ("$response.header.ETag", [HttpMappingValue.Piece.responseHeader("ETag")]),
        ("$response.body.a.b", [.responseBody(path)]),
        ("$response.body", [.responseBody(nil)]),
        ("v-$context.stage", [.text("v-"), .context("stage")]),
    ])
    func responseValuesCompileIntoPieces(text: String, pieces: [HttpMappingValue.Piece]) throws {
        #expect(try HttpMappingValue.compile(text, side: .response).pieces == pieces)
    }

    @Test(arguments: [
        ("$request.header.", HttpMappingValue.Side.request), ("$request.cookie.a", .request), ("${request.header.a", .request),
        ("$request.body..a", .request), ("$request.body.a[?(@.x)]", .request), ("$context.bad-name", .request),
        ("$response.header.a", .request), ("$request.header.a", .response), ("$stageVariables.a-b", .request),
    ])
    func badValuesAreRefused(text: String, side: HttpMappingValue.Side) {
        #expect(throws: HttpMappingError.self) { try HttpMappingValue.compile(text, side: side) }
    }

    @Test func keysCompileIntoOperationsInKeyOrder() throws {
        let mapping = try M.compile(request: ["overwrite:path": "/v2$request.path", "append:header.X-A": "a", "remove:querystring.q": "x",
                                              "overwrite:querystring.r": "$request.querystring.r"],
                                    response: ["200": ["overwrite:statuscode": "204", "remove:header.Server": "x"], "404": ["append:header.X-B": "b"]])
        #expect(mapping.request.map(\.target) == [.header("X-A"), .path, .querystring("r"), .querystring("q")])
        #expect(mapping.request.map(\.action) == [.append, .overwrite, .overwrite, .remove])
        #expect(mapping.responses[200]?.map(\.target) == [.statusCode, .header("Server")])
        #expect(mapping.responses[404]?.first?.value.pieces == [.text("b")])
    }

    @Test(arguments: [
        "append:path", "remove:path", "overwrite:body", "rename:header.a", "overwrite:header.", "overwrite:header.a b",
        "append:statuscode", "overwrite:querystring.",
    ])
    func badRequestKeysAreRefused(key: String) {
        #expect(throws: HttpMappingError.self) { try M.compile(request: [key: "v"], response: nil) }
    }

    @Test(arguments: ["overwrite:path", "append:querystring.a", "append:statuscode"])
    func requestOnlyKeysAreRefusedOnResponses(key: String) {
        #expect(throws: HttpMappingError.self) { try M.compile(request: nil, response: ["200": [key: "1"]]) }
    }

    @Test(arguments: ["Authorization", "connection", "Content-Length", "Host-not", "x-amz-date", "X-Amzn-Trace-Id", "access-control-allow-origin",
                      "apigw-requestid", "X-Forwarded-For", "Via", "Transfer-Encoding", "Origin"])
    func reservedHeadersCannotBeMappedEitherWay(name: String) {
        let reserved = name != "Host-not"
        #expect(M.isReserved(name) == reserved)
        if reserved {
            #expect(throws: HttpMappingError.self) { try M.compile(request: ["overwrite:header.\(name)": "v"], response: nil) }
            #expect(throws: HttpMappingError.self) { try M.compile(request: nil, response: ["200": ["append:header.\(name)": "v"]]) }
        }
    }

    @Test func statusCodesAreChecked() throws {
        #expect(throws: HttpMappingError.self) { try M.compile(request: nil, response: ["600": ["append:header.a": "v"]]) }
        #expect(throws: HttpMappingError.self) { try M.compile(request: nil, response: ["200": ["overwrite:statuscode": "20x"]]) }
        #expect(throws: HttpMappingError.self) { try M.compile(request: nil, response: ["200": ["overwrite:statuscode": "99"]]) }
        // A code read from the response is checked when it is applied.
        #expect(try M.compile(request: nil, response: ["200": ["overwrite:statuscode": "$response.header.X-Status"]]).responses[200]?.count == 1)
    }

    @Test func emptyValuesAreNotMappings() throws {
        #expect(try M.compile(request: ["append:header.a": ""], response: ["200": ["append:header.b": ""]]).isEmpty)
    }
}
