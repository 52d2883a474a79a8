import Synchronization
import Testing
@testable import Echo
import Shared

@Suite("EchoHandler")
struct EchoHandlerTests {
    /// Runs the handler on a real loop (it may schedule timers there) and returns its response.
    static func respond(to request: HTTPRequest) async -> HTTPResponse {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let loop = group.next()
        return await withCheckedContinuation { continuation in
            loop.execute {
                let context = HTTPRequestContext(remoteAddress: "127.0.0.1", remotePort: 5, localPort: 80,
                                                 eventLoop: loop, receivedAtNanos: 0)
                EchoHandler().handle(request, context: context, responder: HTTPResponder { continuation.resume(returning: $0) })
            }
        }
    }

    static func request(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = ["Host": "h"], body: [UInt8] = []) -> HTTPRequest {
        HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body)
    }

    @Test func echoesMethodPathQueryHeadersAndUTF8Body() async {
        let response = await Self.respond(to: Self.request(.POST, "/a%20b?x=1&y=%41&x=2&flag", headers: ["Host": "h", "X-Q": "\"quoted\""], body: Array("héllo".utf8)))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let json = String(decoding: response.body, as: UTF8.self)
        #expect(json.contains(#""method":"POST","path":"/a%20b","query":"x=1&y=%41&x=2&flag""#))
        #expect(json.contains(#""queryParameters":{"x":["1","2"],"y":["A"],"flag":[""]}"#))
        #expect(json.contains(#"["X-Q","\"quoted\""]"#))
        #expect(json.contains(#""body":"héllo","isBase64Encoded":false"#))
    }

    @Test func nonUTF8BodiesAreBase64Encoded() async {
        let response = await Self.respond(to: Self.request(.PUT, "/", body: [0xFF, 0x00, 0x41]))
        let json = String(decoding: response.body, as: UTF8.self)
        #expect(json.contains(#""body":"/wBB","isBase64Encoded":true"#))
        #expect(json.contains(#""query":null"#))
    }

    @Test(arguments: [0, 64, 1025, 100_000])
    func bytesAnswersThatManyOctets(_ count: Int) async {
        let response = await Self.respond(to: Self.request(.GET, "/bytes/\(count)"))
        #expect(response.status == 200)
        #expect(response.body.count == count)
        #expect(response.headers["content-type"] == "application/octet-stream")
    }

    @Test(arguments: ["/bytes/-1", "/bytes/abc", "/bytes/10485762", "/status/99", "/status/600", "/delay/60001"])
    func outOfRangeParametersAre400(_ target: String) async {
        let response = await Self.respond(to: Self.request(.GET, target))
        #expect(response.status == 400)
    }

    @Test func statusAnswersThatStatus() async {
        let response = await Self.respond(to: Self.request(.GET, "/status/418"))
        #expect(response.status == 418)
    }

    @Test func delayAnswersAfterTheDelayOnTheLoopTimer() async {
        let start = Syscall.monotonicNanos()
        let response = await Self.respond(to: Self.request(.GET, "/delay/50"))
        #expect(response.status == 200)
        #expect(Syscall.monotonicNanos() - start >= 50_000_000)
    }
}
