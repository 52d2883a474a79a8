import Testing
@testable import Shared

/// Drives the pure connection state machine with an injected clock: no sockets, no sleeping.
@Suite("HTTPServerConnectionStateMachine")
struct HTTPServerConnectionStateMachineTests {
    typealias Machine = HTTPServerConnectionStateMachine
    typealias Action = Machine.Action

    static let second: UInt64 = 1_000_000_000

    static func configuration(highWater: Int = 256 * 1024, lowWater: Int = 64 * 1024, maxPipelined: Int = 32) -> Machine.Configuration {
        Machine.Configuration(
            limits: HTTPLimits(maxBodyBytes: 1000), headTimeout: 10 * second, bodyTimeout: 30 * second,
            idleTimeout: 60 * second, lingerTimeout: 2 * second, highWaterMark: highWater, lowWaterMark: lowWater,
            maxPipelinedRequests: maxPipelined)
    }

    /// Every pending action.
    static func drain(_ machine: inout Machine) -> [Action] {
        var actions: [Action] = []
        while let action = machine.nextAction() { actions.append(action) }
        return actions
    }

    static func deliveries(_ actions: [Action]) -> [(HTTPRequest, UInt64)] {
        actions.compactMap { if case .deliver(let request, let sequence) = $0 { return (request, sequence) } else { return nil } }
    }

    /// Pretends the socket took everything queued, returns what was sent.
    static func writeAll(_ machine: inout Machine, now: UInt64) -> String {
        let bytes = machine.outbound.pendingBytes
        machine.outbound.consume(bytes.count)
        machine.wrote(now: now)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func get(_ path: String, _ extra: String = "") -> [UInt8] {
        Array("GET \(path) HTTP/1.1\r\nHost: h\r\n\(extra)\r\n".utf8)
    }

    static func ok(_ body: String) -> HTTPResponse {
        HTTPResponse(status: 200, body: Array(body.utf8))
    }

    // MARK: - Timers

    @Test func armsTheIdleTimeoutAtStartAndClosesWhenItExpires() {
        var machine = Machine(configuration: Self.configuration(), now: 5)
        #expect(Self.drain(&machine) == [.setTimer(5 + 60 * Self.second)])
        machine.timerFired(now: 5 + 60 * Self.second - 1)
        #expect(Self.drain(&machine).isEmpty)
        machine.timerFired(now: 5 + 60 * Self.second)
        #expect(Self.drain(&machine) == [.close])
        #expect(machine.isClosed)
    }

    @Test func headTimeoutRunsFromTheFirstByteAndAnswers408() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        _ = Self.drain(&machine)
        machine.received(Array("GET / HTTP/1.1\r\nHo".utf8), now: 3 * Self.second)
        #expect(Self.drain(&machine) == [.setTimer(13 * Self.second)])
        // More bytes do not extend a head deadline (slowloris).
        machine.received(Array("st: h\r\n".utf8), now: 9 * Self.second)
        #expect(Self.drain(&machine).isEmpty)
        machine.timerFired(now: 13 * Self.second)
        let actions = Self.drain(&machine)
        #expect(actions.contains(.flush))
        let sent = Self.writeAll(&machine, now: 13 * Self.second)
        #expect(sent.hasPrefix("HTTP/1.1 408 "))
        #expect(sent.contains("Connection: close\r\n"))
        #expect(Self.drain(&machine).contains(.shutdownWrite))
    }

    @Test func bodyTimeoutClosesAStalledUpload() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc".utf8), now: Self.second)
        let actions = Self.drain(&machine)
        #expect(actions.last == .setTimer(31 * Self.second))
        machine.timerFired(now: 31 * Self.second)
        #expect(Self.writeAll(&machine, now: 31 * Self.second).hasPrefix("HTTP/1.1 408 "))
    }

    @Test func lingeringCloseEndsAtTheLingerTimeout() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/", "Connection: close\r\n"), now: 0)
        let delivered = Self.deliveries(Self.drain(&machine))
        machine.responseReady(Self.ok("x"), sequence: delivered[0].1, now: 1)
        _ = Self.drain(&machine)
        #expect(Self.writeAll(&machine, now: 2).contains("Connection: close"))
        let actions = Self.drain(&machine)
        #expect(actions.contains(.shutdownWrite))
        #expect(actions.contains(.setTimer(2 + 2 * Self.second)))
        machine.timerFired(now: 2 + 2 * Self.second)
        #expect(Self.drain(&machine) == [.close])
    }

    // MARK: - Pipelining and keep-alive

    @Test func pipelinedResponsesGoOutInRequestOrder() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/first") + Self.get("/second") + Self.get("/third"), now: 0)
        let delivered = Self.deliveries(Self.drain(&machine))
        #expect(delivered.map(\.0.head.target) == ["/first", "/second", "/third"])
        machine.responseReady(Self.ok("3"), sequence: delivered[2].1, now: 1)
        machine.responseReady(Self.ok("2"), sequence: delivered[1].1, now: 1)
        #expect(!Self.drain(&machine).contains(.flush))
        #expect(machine.outbound.isEmpty)
        machine.responseReady(Self.ok("1"), sequence: delivered[0].1, now: 2)
        #expect(Self.drain(&machine).contains(.flush))
        let sent = Self.writeAll(&machine, now: 2)
        #expect(sent.hasSuffix("\r\n\r\n1HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n3"))
        #expect(!sent.contains("Connection: close"))
        #expect(!machine.isClosed)
    }

    @Test func aSecondResponseForTheSameRequestIsIgnored() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/"), now: 0)
        let sequence = Self.deliveries(Self.drain(&machine))[0].1
        machine.responseReady(Self.ok("a"), sequence: sequence, now: 1)
        machine.responseReady(Self.ok("b"), sequence: sequence, now: 1)
        let sent = Self.writeAll(&machine, now: 1)
        #expect(sent.hasSuffix("\r\n\r\na"))
    }

    @Test func pipeliningDepthStopsReadingUntilResponsesGoOut() {
        var machine = Machine(configuration: Self.configuration(maxPipelined: 2), now: 0)
        machine.received(Self.get("/1") + Self.get("/2") + Self.get("/3"), now: 0)
        let actions = Self.drain(&machine)
        let delivered = Self.deliveries(actions)
        #expect(delivered.count == 2)
        #expect(actions.contains(.setReading(false)))
        machine.responseReady(Self.ok("1"), sequence: delivered[0].1, now: 1)
        let next = Self.drain(&machine)
        #expect(next.contains(.setReading(true)))
        #expect(Self.deliveries(next).map(\.0.head.target) == ["/3"])
    }

    @Test func http10KeepAliveIsAnsweredWithKeepAliveAndStaysOpen() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".utf8), now: 0)
        let sequence = Self.deliveries(Self.drain(&machine))[0].1
        machine.responseReady(Self.ok("x"), sequence: sequence, now: 1)
        _ = Self.drain(&machine)
        #expect(Self.writeAll(&machine, now: 1).contains("Connection: keep-alive\r\n"))
        #expect(!Self.drain(&machine).contains(.shutdownWrite))
    }

    @Test func http10WithoutKeepAliveCloses() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("GET / HTTP/1.0\r\n\r\n".utf8), now: 0)
        let sequence = Self.deliveries(Self.drain(&machine))[0].1
        machine.responseReady(Self.ok("x"), sequence: sequence, now: 1)
        _ = Self.drain(&machine)
        #expect(Self.writeAll(&machine, now: 1).contains("Connection: close\r\n"))
        #expect(Self.drain(&machine).contains(.shutdownWrite))
    }

    @Test func headResponsesCarryTheLengthButNoBody() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n".utf8), now: 0)
        let sequence = Self.deliveries(Self.drain(&machine))[0].1
        machine.responseReady(Self.ok("12345"), sequence: sequence, now: 1)
        _ = Self.drain(&machine)
        let sent = Self.writeAll(&machine, now: 1)
        #expect(sent.contains("Content-Length: 5\r\n"))
        #expect(sent.hasSuffix("\r\n\r\n"))
    }

    // MARK: - 100-continue

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n".utf8), now: 0)
        #expect(Self.drain(&machine).contains(.flush))
        #expect(Self.writeAll(&machine, now: 0) == "HTTP/1.1 100 Continue\r\n\r\n")
        machine.received(Array("hello".utf8), now: 1)
        let delivered = Self.deliveries(Self.drain(&machine))
        #expect(delivered.first?.0.body == Array("hello".utf8))
    }

    @Test func expectContinueWaitsForEarlierResponses() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/a") + Array("PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n".utf8), now: 0)
        let delivered = Self.deliveries(Self.drain(&machine))
        #expect(machine.outbound.isEmpty)
        machine.responseReady(Self.ok("A"), sequence: delivered[0].1, now: 1)
        _ = Self.drain(&machine)
        let sent = Self.writeAll(&machine, now: 1)
        #expect(sent.hasSuffix("\r\n\r\nAHTTP/1.1 100 Continue\r\n\r\n"))
    }

    @Test func expectContinueWithADeclaredBodyOverTheLimitGets413AndNoContinue() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n".utf8), now: 0)
        let actions = Self.drain(&machine)
        #expect(Self.deliveries(actions).isEmpty)
        let sent = Self.writeAll(&machine, now: 0)
        #expect(sent.hasPrefix("HTTP/1.1 413 "))
        #expect(!sent.contains("100 Continue"))
        #expect(sent.contains("Connection: close\r\n"))
    }

    // MARK: - Refusals

    @Test func aParseErrorIsAnsweredAfterEarlierResponsesThenTheConnectionCloses() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/ok") + Array("GET / HTTP/1.1\r\nHost : h\r\n\r\n".utf8), now: 0)
        let actions = Self.drain(&machine)
        let delivered = Self.deliveries(actions)
        #expect(delivered.count == 1)
        #expect(machine.outbound.isEmpty)
        machine.responseReady(Self.ok("fine"), sequence: delivered[0].1, now: 1)
        _ = Self.drain(&machine)
        let sent = Self.writeAll(&machine, now: 1)
        #expect(sent.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(sent.contains("fineHTTP/1.1 400 "))
        #expect(sent.hasSuffix("400 Bad Request\n"))
        #expect(Self.drain(&machine).contains(.shutdownWrite))
    }

    @Test func http09IsClosedWithoutAnAnswer() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Array("GET /\r\n".utf8), now: 0)
        let actions = Self.drain(&machine)
        #expect(actions.contains(.close))
        #expect(machine.outbound.isEmpty)
    }

    // MARK: - Backpressure

    @Test func aClientThatDoesNotReadStopsParsingAboveTheHighWaterMark() {
        var machine = Machine(configuration: Self.configuration(highWater: 1000, lowWater: 100), now: 0)
        machine.received(Self.get("/1") + Self.get("/2") + Self.get("/3"), now: 0)
        var actions = Self.drain(&machine)
        // A handler answering synchronously: respond as each request is delivered.
        var delivered = Self.deliveries(actions)
        #expect(delivered.count == 3)  // nothing queued yet when they were parsed
        let big = HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 5000))
        machine.responseReady(big, sequence: delivered[0].1, now: 1)
        actions = Self.drain(&machine)
        #expect(actions.contains(.setReading(false)))
        machine.received(Self.get("/4"), now: 1)  // bytes already in flight when reading stopped
        #expect(Self.deliveries(Self.drain(&machine)).isEmpty)
        machine.responseReady(big, sequence: delivered[1].1, now: 2)
        machine.responseReady(big, sequence: delivered[2].1, now: 2)
        _ = Self.drain(&machine)
        #expect(machine.peakOutboundBytes <= 3 * 5100)
        // Partial drain above the low-water mark: still paused.
        machine.outbound.consume(machine.outbound.count - 500)
        machine.wrote(now: 3)
        #expect(!Self.drain(&machine).contains(.setReading(true)))
        _ = Self.writeAll(&machine, now: 4)
        actions = Self.drain(&machine)
        #expect(actions.contains(.setReading(true)))
        delivered = Self.deliveries(actions)
        #expect(delivered.map(\.0.head.target) == ["/4"])
    }

    @Test func parsingStopsWhileTheOutboundQueueIsAboveTheMark() {
        var machine = Machine(configuration: Self.configuration(highWater: 1000, lowWater: 100), now: 0)
        machine.received(Self.get("/1"), now: 0)
        let first = Self.deliveries(Self.drain(&machine))[0].1
        machine.responseReady(HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 5000)), sequence: first, now: 0)
        #expect(Self.drain(&machine).contains(.setReading(false)))
        machine.received(Self.get("/2") + Self.get("/3"), now: 1)
        #expect(Self.deliveries(Self.drain(&machine)).isEmpty)
    }

    // MARK: - Shutdown and EOF

    @Test func shutdownClosesAnIdleConnectionAtOnce() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        _ = Self.drain(&machine)
        machine.shutdownRequested(now: 1)
        #expect(Self.drain(&machine) == [.close])
    }

    @Test func shutdownLetsAnInFlightRequestFinishWithConnectionClose() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/slow"), now: 0)
        let sequence = Self.deliveries(Self.drain(&machine))[0].1
        machine.shutdownRequested(now: 1)
        #expect(!Self.drain(&machine).contains(.close))
        machine.responseReady(Self.ok("done"), sequence: sequence, now: 2)
        _ = Self.drain(&machine)
        let sent = Self.writeAll(&machine, now: 2)
        #expect(sent.contains("Connection: close\r\n"))
        #expect(sent.hasSuffix("done"))
        #expect(Self.drain(&machine).contains(.shutdownWrite))
    }

    @Test func peerEOFAfterAPipelinedBatchStillAnswersIt() {
        var machine = Machine(configuration: Self.configuration(), now: 0)
        machine.received(Self.get("/1") + Self.get("/2"), now: 0)
        let delivered = Self.deliveries(Self.drain(&machine))
        machine.peerClosed(now: 1)
        #expect(!Self.drain(&machine).contains(.close))
        machine.responseReady(Self.ok("a"), sequence: delivered[0].1, now: 2)
        machine.responseReady(Self.ok("b"), sequence: delivered[1].1, now: 2)
        _ = Self.drain(&machine)
        let sent = Self.writeAll(&machine, now: 2)
        #expect(sent.hasSuffix("Connection: close\r\nContent-Length: 1\r\n\r\nb"))
        #expect(Self.drain(&machine) == [.close])
    }
}

extension HTTPServerConnectionStateMachineTests {
    @Test func theHeadTimeoutDoesNotRunWhileWeHoldUpReading() {
        var machine = Machine(configuration: Self.configuration(highWater: 1000, lowWater: 100, maxPipelined: 1), now: 0)
        machine.received(Self.get("/1") + Self.get("/2"), now: 0)
        let delivered = Self.deliveries(Self.drain(&machine))
        #expect(delivered.count == 1)
        let first = delivered[0].1
        machine.responseReady(HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 5000)), sequence: first, now: 0)
        _ = Self.drain(&machine)
        // The peer reads slowly: progress every 5 s for 20 s, longer than the 10 s head timeout.
        for step in 1...4 {
            machine.outbound.consume(1000)
            machine.wrote(now: UInt64(step) * 5 * Self.second)
            machine.timerFired(now: UInt64(step) * 5 * Self.second)
            #expect(!Self.drain(&machine).contains(.close))
        }
        _ = Self.writeAll(&machine, now: 21 * Self.second)
        let actions = Self.drain(&machine)
        #expect(Self.deliveries(actions).map(\.0.head.target) == ["/2"])
        #expect(!machine.isClosed)
    }
}
