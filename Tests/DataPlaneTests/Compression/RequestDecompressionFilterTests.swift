import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// `minimumCompressionSize` on the request side, through the pipeline: which bodies are
/// decompressed before the method request sees them, AWS's answers for the others, the payload
/// limit and the body memory budget applied to the decompressed bytes.
@Suite struct RequestDecompressionFilterTests {
    typealias F = PipelineFixtures

    static let plain = Array(String(repeating: #"{"name": "Rex", "tag": "dog"} "#, count: 8).utf8)

    /// `/proxy` (HTTP_PROXY), `/pets` (HTTP with a request template and a validated model).
    static func snapshot(minimum: Int?) throws -> CompiledSnapshot {
        var pets = F.method("POST", Integration(type: "HTTP", httpMethod: "POST", uri: "http://backend:8080/pets",
                                                requestTemplates: ["application/json": #"{"seen": $input.json('$.name')}"#],
                                                integrationResponses: ["200": IntegrationResponse(statusCode: "200")]))
        pets.requestValidatorId = "rv1"
        pets.requestModels = ["application/json": "Pet"]
        var content = F.content([("/proxy", ["POST": F.method("POST", F.proxyIntegration("http://backend:8080/in"))]),
                                 ("/pets", ["POST": pets])])
        content.requestValidators = [RequestValidator(id: "rv1", name: "body", validateRequestBody: true, validateRequestParameters: false)]
        content.models = [Model(id: "m1", name: "Pet", schema: #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"#,
                                contentType: "application/json")]
        content.api.minimumCompressionSize = minimum
        return try F.snapshot(content)
    }

    static func run(_ snapshot: CompiledSnapshot, _ target: String, encoding: [String], body: [UInt8], budget: BodyMemoryBudget? = nil,
                    invoker: RecordingInvoker = RecordingInvoker(), features: [any FilterFactory] = []) -> HTTPResponse {
        var configuration = PipelineConfiguration(accountId: "123456789012")
        configuration.bodyBudget = budget
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let headers = [("Content-Type", "application/json")] + encoding.map { ("Content-Encoding", $0) }
        let box = ResponseBox()
        pipeline.handle(F.request("POST", target, headers: headers, body: body), connection: F.connection, snapshot: snapshot,
                        chains: pipeline.chains(for: snapshot, features: features)) { box.put($0) }
        #expect(box.responses.count == 1)
        return box.responses.first ?? HTTPResponse(status: 0)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static let gzip = Zlib.compress(plain, coding: .gzip)
    static let deflate = Zlib.compress(plain, coding: .deflate)

    @Test(arguments: [
        // (Content-Encoding fields, body sent)
        (["gzip"], gzip), (["x-gzip"], gzip), (["GZIP"], gzip), (["deflate"], deflate),
        (["gzip, identity"], gzip),
        (["deflate, gzip"], Zlib.compress(deflate, coding: .gzip)),   // deflate applied first, so gzip is undone first
        (["deflate", "gzip"], Zlib.compress(deflate, coding: .gzip)),
        (["gzip"], gzip + Zlib.compress([], coding: .gzip)),   // a second (empty) gzip member
    ] as [([String], [UInt8])])
    func aProxiedBackendReceivesTheDecompressedBodyWithoutItsCoding(encoding: [String], body: [UInt8]) throws {
        let invoker = RecordingInvoker()
        let response = Self.run(try Self.snapshot(minimum: 0), "/prod/proxy", encoding: encoding, body: body, invoker: invoker)
        #expect(response.status == 200)
        let upstream = try #require(invoker.requests.first)
        #expect(upstream.body == Self.plain)
        #expect(upstream.headers["Content-Encoding"] == nil)
    }

    @Test(arguments: [
        // (minimumCompressionSize, Content-Encoding, body) passed on exactly as sent
        (nil, ["gzip"], gzip),                     // the API does not set a minimum: nothing is decoded
        (nil, ["br"], plain),
        (Optional(10_000), ["gzip"], gzip),        // under the minimum (AWS: decompression is not applied)
        (0, [], plain), (0, ["identity"], plain),
    ] as [(Int?, [String], [UInt8])])
    func otherBodiesPassAsTheyWereSent(minimum: Int?, encoding: [String], body: [UInt8]) throws {
        let invoker = RecordingInvoker()
        let response = Self.run(try Self.snapshot(minimum: minimum), "/prod/proxy", encoding: encoding, body: body, invoker: invoker)
        #expect(response.status == 200)
        let upstream = try #require(invoker.requests.first)
        #expect(upstream.body == body)
        #expect(upstream.headers.values("Content-Encoding") == encoding)
    }

    @Test(arguments: [
        (["br"], plain), (["x-foo"], plain), (["gzip, br"], gzip),   // codings AWS does not support
        (["gzip"], plain),                                            // not gzip data
        (["deflate"], gzip), (["gzip"], deflate),                     // the other coding's framing
        (["gzip"], Array(gzip.dropLast(4))),                          // truncated
        (["gzip"], gzip + [0x00, 0x01]),                              // bytes after the stream
        (["deflate"], deflate + deflate),                             // deflate has no members
        (["gzip, gzip"], gzip),                                       // one layer short
    ] as [([String], [UInt8])])
    func unsupportedCodingsAndBodiesThatDoNotDecompressAre415(encoding: [String], body: [UInt8]) throws {
        let invoker = RecordingInvoker()
        let response = Self.run(try Self.snapshot(minimum: 0), "/prod/proxy", encoding: encoding, body: body, invoker: invoker)
        #expect(response.status == 415)
        #expect(Self.text(response) == #"{"message":"Unsupported Media Type"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "BadRequestException")
        #expect(invoker.requests.isEmpty)
    }

    @Test func aDecompressedBodyOverThePayloadLimitIs413AndStopsAtTheLimit() throws {
        let limit = RequestPipeline.maxPayloadBytes
        let bomb = Zlib.compress([UInt8](repeating: 0, count: limit + 1), coding: .gzip)
        #expect(bomb.count < 20_000, "about a thousandth of what it expands to")
        let invoker = RecordingInvoker()
        let refused = Self.run(try Self.snapshot(minimum: 0), "/prod/proxy", encoding: ["gzip"], body: bomb, invoker: invoker)
        #expect(refused.status == 413)
        #expect(Self.text(refused) == #"{"message":"Request Too Long"}"#)
        #expect(invoker.requests.isEmpty)
        // Streaming: the output never grows past the limit (its buffer never past the limit and
        // the allocator's rounding).
        var output = BodyAccumulator(budget: nil, maxBytes: limit)
        #expect(Zlib.decompress(bomb, coding: .gzip, limit: limit, into: &output) == .tooLarge)
        #expect(output.bytes.count <= limit && output.reserved < limit + limit / 100)

        let exact = Zlib.compress([UInt8](repeating: 0, count: limit), coding: .gzip)
        let served = Self.run(try Self.snapshot(minimum: 0), "/prod/proxy", encoding: ["gzip"], body: exact, invoker: invoker)
        #expect(served.status == 200)
        #expect(invoker.requests.first?.body.count == limit)
    }

    @Test func theDecodedBodyIsCountedInTheNodesBodyMemoryAndGivenBack() throws {
        let snapshot = try Self.snapshot(minimum: 0)
        let big = Zlib.compress([UInt8](repeating: 0x41, count: 1_000_000), coding: .gzip)
        let small = BodyMemoryBudget(limit: 256 * 1024)
        let refused = Self.run(snapshot, "/prod/proxy", encoding: ["gzip"], body: big, budget: small)
        #expect(refused.status == 503)
        #expect(small.usedBytes == 0, "a refused decoding keeps nothing reserved")

        let roomy = BodyMemoryBudget(limit: 4 * 1024 * 1024)
        let invoker = RecordingInvoker()
        let served = Self.run(snapshot, "/prod/proxy", encoding: ["deflate, gzip"],
                              body: Zlib.compress(Zlib.compress([UInt8](repeating: 0x41, count: 1_000_000), coding: .deflate), coding: .gzip),
                              budget: roomy, invoker: invoker)
        #expect(served.status == 200)
        #expect(invoker.requests.first?.body.count == 1_000_000)
        #expect(roomy.usedBytes == 0, "the reservation goes with the request's last invocation")
    }

    @Test func theCompletionRecordCountsTheBodyAsReceived() throws {
        let recorder = CompletionRecorder()
        let response = Self.run(try Self.snapshot(minimum: 0), "/prod/proxy", encoding: ["gzip"], body: Self.gzip,
                                features: [EveryRoute(filter: recorder, phase: .methodResponse)])
        #expect(response.status == 200)
        #expect(recorder.records.map(\.requestBodyBytes) == [Self.gzip.count])
    }

    @Test func validationAndTemplatesSeeTheDecompressedBody() throws {
        let snapshot = try Self.snapshot(minimum: 0)
        let invoker = RecordingInvoker()
        let good = Zlib.compress(Array(#"{"name": "Rex"}"#.utf8), coding: .gzip)
        let served = Self.run(snapshot, "/prod/pets", encoding: ["gzip"], body: good, invoker: invoker)
        #expect(served.status == 200)
        #expect(invoker.requests.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"seen": "Rex"}"#)

        let bad = Zlib.compress(Array(#"{"tag": "dog"}"#.utf8), coding: .deflate)
        let refused = Self.run(snapshot, "/prod/pets", encoding: ["deflate"], body: bad, invoker: invoker)
        #expect(refused.status == 400)
        #expect(Self.text(refused) == #"{"message":"Invalid request body"}"#)
        #expect(invoker.requests.count == 1)
    }

    @Test func aLambdaProxyEventGetsTheDecodedBodyAndTheHeaderAsSent() throws {
        var content = F.content([("/fn", ["POST": F.method("POST", Integration(type: "AWS_PROXY", httpMethod: "POST",
                                                                                   uri: RequestPipelineTests.lambdaUri))])])
        content.api.minimumCompressionSize = 0
        let snapshot = try F.snapshot(content)
        let invoker = RecordingInvoker(.success(UpstreamResponse(status: 200, body: Array(#"{"statusCode":200,"body":"ok"}"#.utf8))))
        let configuration = PipelineConfiguration(lambdaEndpoint: LambdaEndpoint(url: "http://127.0.0.1:9001"), accountId: "123456789012")
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let box = ResponseBox()
        pipeline.handle(F.request("POST", "/prod/fn", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: Self.gzip),
                        connection: F.connection, snapshot: snapshot, chains: pipeline.chains(for: snapshot)) { box.put($0) }
        #expect(box.responses.first?.status == 200)
        let event = try JSONParser.parse(try #require(invoker.requests.first).body)
        #expect(event["body"] == .string(String(decoding: Self.plain, as: UTF8.self)))
        #expect(event["isBase64Encoded"] == .bool(false))
        #expect(event["headers"]?["Content-Encoding"] == .string("gzip"))
    }

    @Test func onlyRoutesOfAnAPIWithAMinimumCarryTheFilterBeforeValidation() throws {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(accountId: "123456789012"), invoker: RecordingInvoker())
        for (minimum, names) in [(nil, ["requestValidation"]), (Optional(10), ["compression", "decompression", "requestValidation"])] {
            let snapshot = try Self.snapshot(minimum: minimum)
            let stage = try #require(snapshot.apis[F.apiId.lowercased()]?.stages["prod"])
            let (route, _) = try #require(stage.route(method: "POST", path: "/pets"))
            #expect(pipeline.chains(for: snapshot).chain(for: route)?.filterNames == names)
        }
        #expect(ChainPhase.throttle < .decompression && .decompression < .validation)
    }
}

/// Keeps the completion records it is handed.
private final class CompletionRecorder: RequestFilter {
    private let state = Mutex<[CompletionRecord]>([])
    var name: String { "recorder" }
    var hooks: FilterHooks { .completion }
    func onCompletion(_ record: CompletionRecord, invocation: Invocation) { state.withLock { $0.append(record) } }
    var records: [CompletionRecord] { state.withLock { $0 } }
}
