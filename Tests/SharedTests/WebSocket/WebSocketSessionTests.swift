import Testing
@testable import Shared

/// The served connection's state machine on a fake clock: ping, close, idle and lifetime
/// timeouts, backpressure, drain.
@Suite struct WebSocketSessionTests {
    static let second: UInt64 = 1_000_000_000

    static func client(_ opcode: WebSocketOpcode, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encode(opcode: opcode, payload: payload, maskKey: 0x1234_5678, into: &out)
        return out
    }

    static func clientClose(_ code: UInt16) -> [UInt8] {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encodeClose(WebSocketCloseFrame(code: WebSocketCloseCode(rawValue: code)), maskKey: 7, into: &out)
        return out
    }

    static func server(_ opcode: WebSocketOpcode, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encode(opcode: opcode, payload: payload, into: &out)
        return out
    }

    static func serverClose(_ code: WebSocketCloseCode, _ reason: String = "") -> [UInt8] {
        var out: [UInt8] = []
        WebSocketFrameEncoder.encodeClose(WebSocketCloseFrame(code: code, reason: reason), into: &out)
        return out
    }

    static func writes(_ actions: [WebSocketSession.Action]) -> [[UInt8]] {
        actions.compactMap { if case .write(let bytes) = $0 { return bytes } else { return nil } }
    }

    @Test func startArmsTheEarlierOfIdleAndLifetime() {
        var session = WebSocketSession(now: 100)
        #expect(session.start(now: 100) == [.setTimer(100 + 600 * Self.second)])
        var short = WebSocketSessionConfiguration()
        short.maxLifetime = 60 * Self.second
        var brief = WebSocketSession(configuration: short, now: 0)
        #expect(brief.start(now: 0) == [.setTimer(60 * Self.second)])
    }

    @Test func messagesAreDeliveredAndMoveTheIdleDeadline() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let actions = session.received(Self.client(.text, Array("hi".utf8)), now: 5 * Self.second)
        #expect(actions == [.deliver(.text(Array("hi".utf8))), .setTimer(605 * Self.second)])
        #expect(session.lastActiveAt == 5 * Self.second)
    }

    @Test func aPingIsAnsweredWithItsPayload() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let actions = session.received(Self.client(.ping, [1, 2, 3]), now: Self.second)
        #expect(Self.writes(actions) == [Self.server(.pong, [1, 2, 3])])
        #expect(session.received(Self.client(.pong, [9]), now: 2 * Self.second).allSatisfy { if case .write = $0 { false } else { true } })
    }

    @Test func idleForTenMinutesClosesWithGoingAway() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        // An early wake-up changes nothing but the timer.
        #expect(session.timerFired(now: 599 * Self.second) == [.setTimer(600 * Self.second)])
        let actions = session.timerFired(now: 600 * Self.second)
        #expect(Self.writes(actions) == [Self.serverClose(.goingAway, "Going away")])
        #expect(actions.contains(.setTimer(605 * Self.second)))
        #expect(session.closeFrame == WebSocketCloseFrame(code: .goingAway, reason: "Going away"))
        // The client's answer ends it.
        #expect(session.received(Self.clientClose(1001), now: 601 * Self.second) == [.closeTransport])
        #expect(session.isClosed)
    }

    @Test func activityDoesNotOutliveTheTwoHourMaximum() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        var now: UInt64 = 0
        while now < 7_200 * Self.second - 300 * Self.second {
            now += 300 * Self.second
            _ = session.received(Self.client(.ping, []), now: now)
        }
        #expect(session.timerFired(now: 7_199 * Self.second) == [.setTimer(7_200 * Self.second)])
        let actions = session.timerFired(now: 7_200 * Self.second)
        #expect(Self.writes(actions) == [Self.serverClose(.goingAway, "Going away")])
    }

    @Test func theClientsCloseIsEchoedAndRecorded() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let actions = session.received(Self.clientClose(4000), now: Self.second)
        #expect(actions == [.write(Self.serverClose(WebSocketCloseCode(rawValue: 4000))), .closeTransport])
        #expect(session.closeFrame?.code?.rawValue == 4000)
        #expect(session.send(Array("late".utf8), now: 2 * Self.second).0 == .closed)
    }

    @Test func aDrainClosesWith1001AndGivesUpAfterTheCloseTimeout() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let actions = session.close(WebSocketCloseFrame(code: .goingAway, reason: "Going away"), now: 10 * Self.second)
        #expect(actions == [.write(Self.serverClose(.goingAway, "Going away")), .setTimer(15 * Self.second)])
        #expect(session.send([1], now: 11 * Self.second).0 == .closed)
        // A peer that never answers: the transport closes at the close timeout.
        #expect(session.timerFired(now: 15 * Self.second) == [.closeTransport])
    }

    @Test func aProtocolErrorClosesAtOnceWithItsCode() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        // An unmasked frame from a client is 1002.
        let actions = session.received(Self.server(.text, [0x41]), now: Self.second)
        #expect(actions == [.write(Self.serverClose(.protocolError)), .closeTransport])
        #expect(session.closeFrame?.code == .protocolError)
    }

    @Test func aMessageOverAwsLimitCloses1009() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let actions = session.received(Self.client(.binary, [UInt8](repeating: 0, count: 32 * 1024 + 1)), now: Self.second)
        #expect(Self.writes(actions) == [Self.serverClose(.messageTooBig)])
    }

    /// A client that does not read: sends are refused over the bound and reading pauses until
    /// the queue drains to half.
    @Test func backpressureBoundsWhatIsQueued() {
        var configuration = WebSocketSessionConfiguration()
        configuration.maxOutboundBytes = 1_000
        var session = WebSocketSession(configuration: configuration, now: 0)
        _ = session.start(now: 0)
        let payload = [UInt8](repeating: 0x61, count: 600)
        #expect(session.send(payload, now: 1).0 == .queued)
        let (second, actions) = session.send(payload, now: 2)
        #expect(second == .queued)
        #expect(actions.contains(.setReading(false)))
        #expect(session.send(payload, now: 3).0 == .overloaded)
        #expect(session.unsentBytes == 2 * (600 + 4))
        #expect(session.wrote(unsent: 700) == [])
        #expect(session.send(payload, now: 4).0 == .queued)
        #expect(session.wrote(unsent: 500) == [.setReading(true)])
    }

    @Test func bytesSplitAcrossReadsAssemble() {
        var session = WebSocketSession(now: 0)
        _ = session.start(now: 0)
        let frame = Self.client(.text, Array("split".utf8))
        var delivered: [WebSocketSession.Action] = []
        for byte in frame { delivered += session.received([byte], now: 1) }
        #expect(delivered.contains(.deliver(.text(Array("split".utf8)))))
    }
}
