import Testing
@testable import Shared

/// Gateway-response resolution (reference §2.5): own type ▸ DEFAULT_4XX/DEFAULT_5XX by class ▸ built-in.
@Suite struct CompiledGatewayResponsesTests {
    static func compile(_ responses: [GatewayResponse]) throws -> CompiledGatewayResponses? {
        try CompiledGatewayResponses.compile(responses)
    }

    @Test func nothingCustomisedCompilesToNothing() throws {
        #expect(try Self.compile([]) == nil)
        #expect(try Self.compile([GatewayResponse.defaultResponse(for: "THROTTLED")!]) == nil)
    }

    /// (type, default status, expected status, expected header X-From, expected template content types)
    static let rows: [(String, Int, Int?, String?, [String])] = [
        // Own customisation: its status, its headers, its templates.
        ("UNAUTHORIZED", 401, 499, "unauthorized", ["application/json"]),
        // A 4XX type not customised: DEFAULT_4XX's status, headers and templates.
        ("MISSING_AUTHENTICATION_TOKEN", 403, 418, "4xx", ["application/json", "text/plain"]),
        ("THROTTLED", 429, 418, "4xx", ["application/json", "text/plain"]),
        // Own response without status or templates: DEFAULT_4XX's status and templates, its own headers.
        ("INVALID_API_KEY", 403, 418, "key", ["application/json", "text/plain"]),
        // DEFAULT_4XX's type itself (an error AWS gives no type).
        ("DEFAULT_4XX", 400, 418, "4xx", ["application/json", "text/plain"]),
        // 5XX types: DEFAULT_5XX sets no status, so each keeps its own; its header applies.
        ("INTEGRATION_TIMEOUT", 504, nil, "5xx", []),
        ("DEFAULT_5XX", 502, nil, "5xx", []),
        ("API_CONFIGURATION_ERROR", 500, nil, "5xx", []),
    ]

    @Test(arguments: rows)
    func resolvesOwnThenClassDefaultThenBuiltIn(type: String, defaultStatus: Int, status: Int?, header: String?, templates: [String]) throws {
        let compiled = try #require(try Self.compile([
            GatewayResponse(responseType: "DEFAULT_4XX", statusCode: "418", responseParameters: ["gatewayresponse.header.X-From": "'4xx'"],
                            responseTemplates: ["application/json": #"{"m":$context.error.messageString}"#, "text/plain": "oops"]),
            GatewayResponse(responseType: "DEFAULT_5XX", responseParameters: ["gatewayresponse.header.X-From": "'5xx'"]),
            GatewayResponse(responseType: "UNAUTHORIZED", statusCode: "499", responseParameters: ["gatewayresponse.header.X-From": "'unauthorized'"],
                            responseTemplates: ["application/json": "{}"]),
            GatewayResponse(responseType: "INVALID_API_KEY", responseParameters: ["gatewayresponse.header.X-From": "'key'"]),
        ]))
        let resolved = try #require(compiled.resolved(type: type, defaultStatus: defaultStatus))
        #expect(resolved.statusCode == status)
        #expect(resolved.parameters.first(where: { $0.header == "X-From" })?.source == header.map(MappingSource.literal))
        #expect(resolved.templates.map(\.contentType) == templates)
    }

    @Test func aTypeOfTheOtherClassIsUntouched() throws {
        let compiled = try #require(try Self.compile([GatewayResponse(responseType: "DEFAULT_5XX", statusCode: "503")]))
        #expect(compiled.resolved(type: "THROTTLED", defaultStatus: 429) == nil)
        #expect(compiled.resolved(type: "INTEGRATION_FAILURE", defaultStatus: 504)?.statusCode == 503)
    }

    @Test func templatesAreSimpleSubstitutionNotVTL() {
        let template = GatewayResponseTemplate(contentType: "application/json",
                                               source: ##"{"m":$context.error.messageString,"s":"$stageVariables.env.","x":"#if(1)$input.body#end"}"##)
        #expect(template.pieces == [
            .text(#"{"m":"#), .context("error.messageString"), .text(#","s":""#), .stageVariable("env"),
            .text(##".","x":"#if(1)$input.body#end"}"##),
        ])
    }

    @Test(arguments: [
        GatewayResponse(responseType: "REQUEST_TOO_LARGE", statusCode: "400"),
        GatewayResponse(responseType: "NOT_A_TYPE", statusCode: "400"),
        GatewayResponse(responseType: "THROTTLED", statusCode: "42"),
        GatewayResponse(responseType: "THROTTLED", responseParameters: ["gatewayresponse.header.X": "method.request.body"]),
        GatewayResponse(responseType: "THROTTLED", responseParameters: ["gatewayresponse.header.X": "'a\r\nB: c'"]),
        GatewayResponse(responseType: "THROTTLED", responseParameters: ["gatewayresponse.header.X Y": "'a'"]),
    ])
    func refusesWhatCannotBeServed(response: GatewayResponse) {
        #expect(throws: CompileError.self) { try Self.compile([response]) }
    }
}
