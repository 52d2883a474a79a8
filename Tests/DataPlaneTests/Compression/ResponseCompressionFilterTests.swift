import Testing
@testable import DataPlane
@testable import Shared

/// `minimumCompressionSize` through the pipeline: which responses are compressed, with which
/// coding, and that compression sees the final body (after the response template).
@Suite struct ResponseCompressionFilterTests {
    typealias F = PipelineFixtures

    @Test(arguments: [
        (nil, nil), ("", nil), ("*", nil), ("identity", nil), ("br", nil),
        ("gzip", .gzip), ("deflate", .deflate), ("gzip, deflate, br", .gzip), ("deflate, gzip", .deflate),
        ("br, gzip", .gzip),                             // equal priority: the first supported one
        ("br;q=1.0, gzip;q=0.8", nil),                   // the highest priority is one AWS does not support
        ("gzip;q=0, deflate;q=0.5", .deflate), ("GZip;Q=0.9", .gzip), ("x-gzip", .gzip),
    ] as [(String?, ContentCoding?)])
    func theHighestPriorityCodingMustBeSupported(header: String?, coding: ContentCoding?) {
        #expect(AcceptEncoding.preferredCoding(header) == coding)
    }

    static func snapshot(minimum: Int?, template: String) throws -> CompiledSnapshot {
        var content = F.content([("/mock", ["GET": F.method("GET", Integration(
            type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
            integrationResponses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": template])]))])])
        content.api.minimumCompressionSize = minimum
        return try F.snapshot(content)
    }

    static func get(_ snapshot: CompiledSnapshot, acceptEncoding: String?) -> HTTPResponse {
        RequestPipelineTests.run(F.request("GET", "/prod/mock", headers: acceptEncoding.map { [("Accept-Encoding", $0)] } ?? []),
                                 snapshot: snapshot)
    }

    static let body = String(repeating: "compress me ", count: 20)

    @Test func compressesTheFinalBodyWhenAcceptedAndLargeEnough() throws {
        let snapshot = try Self.snapshot(minimum: 100, template: Self.body)
        for coding in ContentCoding.allCases {
            let response = Self.get(snapshot, acceptEncoding: "\(coding.rawValue), br")
            #expect(response.status == 200)
            #expect(response.headers["Content-Encoding"] == coding.rawValue)
            #expect(response.headers["Vary"] == "Accept-Encoding")
            #expect(response.body.count < Self.body.utf8.count)
            #expect(Zlib.decompress(response.body, coding: coding, limit: 10_000) == .success(Array(Self.body.utf8)))
        }
    }

    @Test(arguments: [
        // (minimumCompressionSize, body, Accept-Encoding) that must stay uncompressed
        (nil, body, "gzip"),                     // compression off
        (241, body, "gzip"),                     // 240 bytes: under the minimum
        (100, body, nil),                        // no Accept-Encoding
        (100, body, "br"),
        (0, "", "gzip"),                         // nothing to compress
    ] as [(Int?, String, String?)])
    func leavesOtherResponsesAsTheyAre(minimum: Int?, body: String, acceptEncoding: String?) throws {
        let response = Self.get(try Self.snapshot(minimum: minimum, template: body), acceptEncoding: acceptEncoding)
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.body == Array(body.utf8))
    }

    @Test func theMinimumIsInclusiveAndZeroCompressesAnyBody() throws {
        #expect(Self.get(try Self.snapshot(minimum: 240, template: Self.body), acceptEncoding: "gzip").headers["Content-Encoding"] == "gzip")
        #expect(Self.get(try Self.snapshot(minimum: 0, template: "x"), acceptEncoding: "gzip").headers["Content-Encoding"] == "gzip")
    }

    @Test func gatewayErrorsAreCompressedTooAndAnAlreadyEncodedBodyIsNot() throws {
        let snapshot = try Self.snapshot(minimum: 0, template: Self.body)
        let missing = RequestPipelineTests.run(F.request("GET", "/prod/nope", headers: [("Accept-Encoding", "gzip")]), snapshot: snapshot)
        // Before a route is found there is no chain: routing errors are never compressed.
        #expect(missing.headers["Content-Encoding"] == nil)
        var encoded = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Encoding", "br")]), body: [1, 2, 3])
        let invocation = try F.invocation(snapshot, F.request("GET", "/prod/mock", headers: [("Accept-Encoding", "gzip")]))
        ResponseCompressionFilter(minimumSize: 0).onResponse(&encoded, invocation: invocation)
        #expect(encoded.body == [1, 2, 3] && encoded.headers["Content-Encoding"] == "br")
    }

    @Test func onlyRoutesOfAnAPIWithAMinimumCarryTheFilter() throws {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker())
        for (minimum, names) in [(nil, [String]()), (Optional(10), ["compression", "decompression"])] {
            let snapshot = try Self.snapshot(minimum: minimum, template: "x")
            let route = try #require(snapshot.apis[F.apiId.lowercased()]?.stages["prod"]?.routes.first)
            #expect(pipeline.chains(for: snapshot).chain(for: route)?.filterNames == names)
        }
    }
}
