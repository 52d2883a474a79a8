import Testing
@testable import Shared

/// Body memory of the connection state machine: bodies grow as bytes arrive, count against the
/// node's budget while held, are refused with 503 past it, and give every byte back on each path.
@Suite("HTTPServerConnectionStateMachine body memory")
struct HTTPServerConnectionStateMachineMemoryTests {
    typealias Machine = HTTPServerConnectionStateMachine
    typealias Support = HTTPServerConnectionStateMachineTests

    static let tenMiB = 10 * 1024 * 1024

    static func machine(budget: BodyMemoryBudget) -> Machine {
        let configuration = Machine.Configuration(limits: HTTPLimits(maxBodyBytes: tenMiB), bodyBudget: budget)
        var machine = Machine(configuration: configuration, now: 0)
        _ = Support.drain(&machine)
        return machine
    }

    static func post(declaring length: Int, sending body: Int) -> [UInt8] {
        Array("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: \(length)\r\n\r\n".utf8) + [UInt8](repeating: 0x61, count: body)
    }

    @Test func aDeclaredContentLengthReservesNothingUntilBytesArrive() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: Self.tenMiB, sending: 100), now: 1)
        _ = Support.drain(&machine)
        #expect(budget.usedBytes <= 2 * BodyAccumulator.minimumCapacity)
        #expect(machine.requestBody.bytes.capacity < 64 * 1024)
        #expect(machine.requestBody.bytes.count == 100)
    }

    @Test func theBodyBufferGrowsGeometricallyAsBytesArrive() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: 1_000_000, sending: 0), now: 1)
        var capacities: Set<Int> = []
        for _ in 0..<999 {  // the last 1000 bytes would complete (and deliver) the body
            machine.received([UInt8](repeating: 0x62, count: 1000), now: 2)
            _ = Support.drain(&machine)
            capacities.insert(machine.requestBody.bytes.capacity)
            // Never more than twice what arrived (plus the first allocation), always counted.
            let arrived = machine.requestBody.bytes.count
            // Doubling from what the allocator handed out (which rounds up a little).
            let bounded = machine.requestBody.bytes.capacity <= 2 * arrived + arrived / 64 + 2 * BodyAccumulator.minimumCapacity
            #expect(bounded, "capacity \(machine.requestBody.bytes.capacity) after \(arrived) bytes")
            #expect(budget.usedBytes == machine.requestBody.reserved)
            if !bounded { break }
        }
        #expect(capacities.count < 20, "one growth step per doubling, not one per chunk")
    }

    @Test func aBodyPastTheBudgetIsRefusedWith503AndGivesItsBytesBack() {
        let budget = BodyMemoryBudget(limit: 64 * 1024)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: 200_000, sending: 100_000), now: 1)
        let actions = Support.drain(&machine)
        #expect(Support.deliveries(actions).isEmpty)
        #expect(budget.usedBytes < 100, "only the refusal's own body is held")
        let sent = Support.writeAll(&machine, now: 2)
        #expect(sent.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(sent.contains("Connection: close"))
        #expect(budget.usedBytes == 0)
    }

    @Test func aDeliveredBodyStaysCountedUntilItsResponseIsQueued() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: 50_000, sending: 50_000), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        #expect(delivered.count == 1)
        #expect(budget.usedBytes >= 50_000)
        machine.responseReady(Support.ok("done"), sequence: delivered[0].1, now: 2)
        _ = Support.drain(&machine)
        #expect(budget.usedBytes == 4)  // the queued response body
        _ = Support.writeAll(&machine, now: 3)
        #expect(budget.usedBytes == 0)
    }

    @Test func aQueuedResponseBodyCountsUntilWrittenEvenPastTheLimit() {
        let budget = BodyMemoryBudget(limit: 1024)
        var machine = Self.machine(budget: budget)
        machine.received(Support.get("/big"), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        machine.responseReady(HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 100_000)), sequence: delivered[0].1, now: 2)
        _ = Support.drain(&machine)
        #expect(budget.usedBytes == 100_000)
        #expect(!budget.tryReserve(1), "a held response leaves no room for new bodies")
        // Mostly written: the body's array lives until its last byte is sent, so it stays counted.
        machine.outbound.consume(machine.outbound.count - 40_000)
        machine.wrote(now: 3)
        #expect(budget.usedBytes == 100_000)
        _ = Support.writeAll(&machine, now: 4)
        #expect(budget.usedBytes == 0)
    }

    @Test func aStalledUploadThatTimesOutGivesItsBytesBack() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: 1_000_000, sending: 300_000), now: 1)
        _ = Support.drain(&machine)
        #expect(budget.usedBytes >= 300_000)
        machine.timerFired(now: 1 + 31 * Support.second)
        _ = Support.drain(&machine)
        #expect(budget.usedBytes < 100, "only the 408's own body is held")
        #expect(Support.writeAll(&machine, now: 40 * Support.second).hasPrefix("HTTP/1.1 408"))
        #expect(budget.usedBytes == 0)
    }

    @Test func anAbortedConnectionGivesBackBodiesBeingReadHeldAndQueued() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        // Two pipelined uploads: the first delivered (held), the second half read.
        machine.received(Self.post(declaring: 20_000, sending: 20_000) + Self.post(declaring: 90_000, sending: 30_000), now: 1)
        let delivered = Support.deliveries(Support.drain(&machine))
        #expect(delivered.count == 1)
        #expect(budget.usedBytes >= 50_000)
        machine.releaseBodyMemory()  // what the shell does when it aborts the socket
        #expect(budget.usedBytes == 0)
        machine.releaseBodyMemory()
        #expect(budget.usedBytes == 0)
    }

    @Test func aPeerThatClosesMidBodyGivesItsBytesBack() {
        let budget = BodyMemoryBudget(limit: 1 << 30)
        var machine = Self.machine(budget: budget)
        machine.received(Self.post(declaring: 90_000, sending: 30_000), now: 1)
        _ = Support.drain(&machine)
        machine.peerClosed(now: 2)
        let actions = Support.drain(&machine)
        #expect(actions.contains(.close))
        #expect(budget.usedBytes == 0)
    }
}
