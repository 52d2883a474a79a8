import Testing
@testable import Shared

@Suite struct WebSocketCloseHandshakeTests {
    private let second: UInt64 = 1_000_000_000

    @Test func answersPingWithPongOfTheSamePayload() {
        var machine = WebSocketCloseHandshake()
        let step1 = machine.received(.ping([1, 2, 3]), now: 0)
        #expect(step1 == [.sendPong([1, 2, 3])])
        let step2 = machine.received(.pong([9]), now: 0)
        #expect(step2 == [])
        let step3 = machine.received(.text([0x61]), now: 0)
        #expect(step3 == [.deliver(.text([0x61]))])
        #expect(machine.maySendData)
    }

    @Test func echoesPeerCloseAndClosesTheTransport() {
        var machine = WebSocketCloseHandshake()
        let step1 = machine.received(.close(WebSocketCloseFrame(code: .goingAway, reason: "bye")), now: 0)
        #expect(step1 == [.sendClose(WebSocketCloseFrame(code: .goingAway)), .closeTransport])
        #expect(machine.state == .closeReceived)
        #expect(!machine.maySendData)
        let step2 = machine.received(.text([0x61]), now: 0)
        #expect(step2 == [])
        let step3 = machine.received(.ping([]), now: 0)
        #expect(step3 == [])
        machine.transportClosed()
        #expect(machine.state == .closed)
    }

    @Test func answersEmptyCloseWithNormal() {
        var machine = WebSocketCloseHandshake()
        let step1 = machine.received(.close(WebSocketCloseFrame(code: nil)), now: 0)
        #expect(step1 == [.sendClose(WebSocketCloseFrame(code: .normal)), .closeTransport])
    }

    @Test func ourCloseWaitsForThePeersThenClosesTheTransport() {
        var machine = WebSocketCloseHandshake(closeTimeout: 5 * second)
        let step1 = machine.close(WebSocketCloseFrame(code: .goingAway), now: 10 * second)
        #expect(step1 == [.sendClose(WebSocketCloseFrame(code: .goingAway)), .setTimer(15 * second)])
        #expect(machine.state == .closeSent(deadline: 15 * second))
        #expect(!machine.maySendData)
        // Data and pings after our close are dropped; nothing more may be sent.
        let step2 = machine.received(.text([0x61]), now: 11 * second)
        #expect(step2 == [])
        let step3 = machine.received(.ping([1]), now: 11 * second)
        #expect(step3 == [])
        let step4 = machine.close(WebSocketCloseFrame(code: .normal), now: 11 * second)
        #expect(step4 == [])
        let step5 = machine.received(.close(WebSocketCloseFrame(code: .normal)), now: 12 * second)
        #expect(step5 == [.closeTransport])
        #expect(machine.state == .closed)
    }

    @Test func closesTheTransportWhenThePeersCloseNeverComes() {
        var machine = WebSocketCloseHandshake(closeTimeout: 5 * second)
        _ = machine.close(WebSocketCloseFrame(code: .normal), now: 0)
        let step1 = machine.timerFired(now: 4 * second)
        #expect(step1 == [.setTimer(5 * second)])
        #expect(machine.state == .closeSent(deadline: 5 * second))
        let step2 = machine.timerFired(now: 5 * second)
        #expect(step2 == [.closeTransport])
        #expect(machine.state == .closed)
        let step3 = machine.timerFired(now: 6 * second)
        #expect(step3 == [])
    }

    @Test func failsWithTheErrorsCloseCode() {
        var machine = WebSocketCloseHandshake()
        let step1 = machine.failed(.invalidUTF8, now: 0)
        #expect(step1 == [.sendClose(WebSocketCloseFrame(code: .invalidPayload)), .closeTransport])
        #expect(machine.state == .closed)
        let step2 = machine.failed(.frameTooBig, now: 0)
        #expect(step2 == [])

        var closing = WebSocketCloseHandshake()
        _ = closing.close(WebSocketCloseFrame(code: .normal), now: 0)
        let step3 = closing.failed(.messageTooBig, now: 0)
        #expect(step3 == [.closeTransport])
    }
}
