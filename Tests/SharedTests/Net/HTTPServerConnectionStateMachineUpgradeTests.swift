import Testing
@testable import Shared

/// The upgrade action: a `101` to a request that asked for an upgrade hands the connection over.
@Suite("HTTPServerConnectionStateMachine upgrade")
struct HTTPServerConnectionStateMachineUpgradeTests {
    typealias Machine = HTTPServerConnectionStateMachine
    typealias Action = Machine.Action
    typealias Support = HTTPServerConnectionStateMachineTests

    static let upgradeRequest = Array(
        "GET /chat HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n".utf8)

    static func switching() -> HTTPResponse {
        var response = HTTPResponse(status: 101)
        response.head.headers.set("Connection", "Upgrade")
        response.head.headers.set("Upgrade", "websocket")
        return response
    }

    static func started() -> Machine {
        var machine = Machine(configuration: Support.configuration(), now: 0)
        _ = Support.drain(&machine)
        return machine
    }

    @Test func aSwitchingProtocolsAnswerHandsOverWithTheBytesReadPastTheRequest() {
        var machine = Self.started()
        machine.received(Self.upgradeRequest + Array("\u{81}\u{05}hello".utf8), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        #expect(delivered.count == 1)
        machine.responseReady(Self.switching(), sequence: delivered[0].1, now: 2)
        let actions = Support.drain(&machine)
        #expect(actions.last == .upgrade(buffered: Array("\u{81}\u{05}hello".utf8)))
        #expect(!actions.contains(.close))
        #expect(machine.isUpgraded)
        let head = String(decoding: machine.outbound.pendingBytes, as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
        #expect(head.contains("Upgrade: websocket\r\n"))
        #expect(!head.contains("Content-Length"))
    }

    @Test func bytesAfterAnUpgradeRequestAreNotParsedAsHTTPWhileTheHandlerDecides() {
        var machine = Self.started()
        machine.received(Self.upgradeRequest + Support.get("/next"), now: 1)
        let actions = Support.drain(&machine)
        #expect(Support.deliveries(actions).count == 1)
        #expect(actions.contains(.setReading(false)))
    }

    @Test func anyOtherAnswerResumesHTTPWithThePipelinedRequest() {
        var machine = Self.started()
        machine.received(Self.upgradeRequest + Support.get("/next"), now: 1)
        let first = Support.deliveries(Support.drain(&machine))
        machine.responseReady(Support.ok("no"), sequence: first[0].1, now: 2)
        let actions = Support.drain(&machine)
        #expect(!actions.contains { if case .upgrade = $0 { return true } else { return false } })
        let next = Support.deliveries(actions)
        #expect(next.map(\.0.head.target) == ["/next"])
        #expect(!machine.isUpgraded)
    }

    @Test func aSwitchingAnswerToARequestThatDidNotAskIsNotAnUpgrade() {
        var machine = Self.started()
        machine.received(Support.get("/plain"), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        machine.responseReady(HTTPResponse(status: 101), sequence: delivered[0].1, now: 2)
        let actions = Support.drain(&machine)
        #expect(!actions.contains { if case .upgrade = $0 { return true } else { return false } })
        #expect(!machine.isUpgraded)
    }

    @Test func anUpgradedMachineIgnoresLaterEventsAndArmsNoTimer() {
        var machine = Self.started()
        machine.received(Self.upgradeRequest, now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        machine.responseReady(Self.switching(), sequence: delivered[0].1, now: 2)
        _ = Support.drain(&machine)
        machine.received(Support.get("/late"), now: 3)
        machine.timerFired(now: 1000 * Support.second)
        machine.peerClosed(now: 1000 * Support.second)
        machine.shutdownRequested(now: 1000 * Support.second)
        #expect(Support.drain(&machine).isEmpty)
    }

    @Test func anUpgradeGivesBackTheBodyMemoryItHeld() {
        let budget = BodyMemoryBudget(limit: 10_000)
        var configuration = Support.configuration()
        configuration.bodyBudget = budget
        var machine = Machine(configuration: configuration, now: 0)
        _ = Support.drain(&machine)
        let body = String(repeating: "b", count: 100)
        machine.received(Array("POST /up HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\nUpgrade: x\r\nContent-Length: 100\r\n\r\n\(body)".utf8), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        #expect(delivered.count == 1)
        machine.responseReady(Self.switching(), sequence: delivered[0].1, now: 2)
        _ = Support.drain(&machine)
        #expect(machine.isUpgraded)
        #expect(budget.usedBytes == 0)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nHost: h\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", false),
    ])
    func anUpgradeIsAskedByConnectionUpgradeWithAnUpgradeFieldOnHTTP11(request: String, asks: Bool) throws {
        var parser = HTTPRequestParser()
        parser.append(Array(request.utf8))
        guard case .head(let head) = try parser.next() else {
            Issue.record("no head")
            return
        }
        #expect(head.asksForUpgrade == asks)
    }
}
