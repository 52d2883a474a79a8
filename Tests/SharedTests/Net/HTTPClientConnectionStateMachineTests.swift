import Testing
@testable import Shared

/// Drives the client connection's state machine with an injected clock: no sockets, no sleeping.
/// The socket tests in `HTTPClientTests` keep covering the shell.
@Suite("HTTPClientConnectionStateMachine")
struct HTTPClientConnectionStateMachineTests {
    typealias Machine = HTTPClientConnectionStateMachine
    typealias Action = Machine.Action

    static let second: UInt64 = 1_000_000_000

    /// What an action did, comparable in `#expect`.
    enum Outcome: Equatable {
        case send, setTimer(UInt64), close
        case succeed(status: Int, body: String, reusable: Bool)
        case fail(HTTPClientError, retry: Bool, hasExchange: Bool)
    }

    /// Records completions instead of calling back into a pool.
    final class Exchanges {
        var results: [Result<HTTPResponse, HTTPClientError>] = []

        func make(_ method: HTTPMethod = .GET, reused: Bool = false, connectTimeout: Duration = .seconds(5),
                  responseTimeout: Duration = .seconds(30)) -> HTTPClientExchange {
            let request = HTTPClientRequest(
                host: "127.0.0.1", port: 8080, method: method, target: "/x",
                connectTimeout: connectTimeout, responseTimeout: responseTimeout)
            return HTTPClientExchange(request: request, completion: { [self] in results.append($0) }, reused: reused)
        }
    }

    static func drain(_ machine: inout Machine) -> [Outcome] {
        var outcomes: [Outcome] = []
        while let action = machine.nextAction() {
            switch action {
            case .send: outcomes.append(.send)
            case .setTimer(let at): outcomes.append(.setTimer(at))
            case .close: outcomes.append(.close)
            case .succeed(_, let response, let reusable):
                outcomes.append(.succeed(status: response.status, body: String(decoding: response.body, as: UTF8.self), reusable: reusable))
            case .fail(let exchange, let error, let retry):
                outcomes.append(.fail(error, retry: retry, hasExchange: exchange != nil))
            }
        }
        return outcomes
    }

    /// A machine whose connect completed at `now`, with its request queued.
    static func connected(_ exchange: HTTPClientExchange, configuration: Machine.Configuration = .init(),
                          now: UInt64 = 0) -> Machine {
        var machine = Machine(configuration: configuration, exchange: exchange, connectedAtOnce: true, now: now)
        machine.connected(error: nil, now: now)
        return machine
    }

    /// Pretends the socket took the whole request; returns it.
    static func written(_ machine: inout Machine) -> String {
        let bytes = machine.outbound.pendingBytes
        machine.outbound.consume(bytes.count)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func response(_ body: String, _ extra: String = "") -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)".utf8)
    }

    // MARK: - Exchanges

    @Test func sendsTheRequestAndCompletesWithTheWholeResponse() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        #expect(Self.drain(&machine) == [.setTimer(30 * Self.second), .send])
        let sent = Self.written(&machine)
        #expect(sent.hasPrefix("GET /x HTTP/1.1\r\n"))
        #expect(sent.contains("Host: 127.0.0.1:8080\r\n"))
        machine.received(Array(Self.response("hello").prefix(20)), now: 1)
        #expect(Self.drain(&machine).isEmpty)
        machine.received(Array(Self.response("hello").dropFirst(20)), now: 2)
        #expect(Self.drain(&machine) == [.succeed(status: 200, body: "hello", reusable: true)])
        #expect(machine.isIdle)
    }

    @Test func anIdleConnectionTakesTheNextRequest() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        _ = Self.written(&machine)
        machine.received(Self.response("a"), now: 1)
        _ = Self.drain(&machine)
        machine.send(exchanges.make(reused: true), now: 10)
        #expect(Self.drain(&machine) == [.setTimer(10 + 30 * Self.second), .send])
        #expect(machine.isActive)
    }

    @Test func headResponsesHaveNoBodyAndKeepTheConnectionInSync() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(.HEAD))
        _ = Self.drain(&machine)
        _ = Self.written(&machine)
        machine.received(Array("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n".utf8), now: 1)
        #expect(Self.drain(&machine) == [.succeed(status: 200, body: "", reusable: true)])
    }

    @Test func aResponseAskingToCloseIsNotReused() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Self.response("bye", "Connection: close\r\n"), now: 1)
        #expect(Self.drain(&machine) == [.succeed(status: 200, body: "bye", reusable: false)])
        #expect(machine.isClosed)
    }

    @Test func aBodyReadToEndOfStreamCompletesWithoutReuse() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Array("HTTP/1.1 200 OK\r\n\r\nuntil eof".utf8), now: 1)
        #expect(Self.drain(&machine).isEmpty)
        machine.peerClosed(now: 2)
        #expect(Self.drain(&machine) == [.succeed(status: 200, body: "until eof", reusable: false)])
    }

    @Test func bodiesOverTheLimitAreRefused() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(), configuration: .init(limits: HTTPLimits(maxBodyBytes: 3)))
        _ = Self.drain(&machine)
        machine.received(Self.response("four"), now: 1)
        #expect(Self.drain(&machine) == [.fail(.responseTooLarge, retry: false, hasExchange: true)])
        #expect(machine.isClosed)
    }

    @Test func aResponseBodyPastTheBudgetFailsAndGivesItsBytesBack() {
        let budget = BodyMemoryBudget(limit: 10)
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(), configuration: .init(bodyBudget: budget))
        _ = Self.drain(&machine)
        machine.received(Self.response(String(repeating: "z", count: 100_000)), now: 1)
        #expect(Self.drain(&machine) == [.fail(.bufferBudgetExceeded, retry: false, hasExchange: true)])
        #expect(budget.usedBytes == 0)
    }

    @Test func garbageIsAMalformedResponse() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(reused: true))
        _ = Self.drain(&machine)
        machine.received(Array("SMTP ready\r\n\r\n".utf8), now: 1)
        let outcomes = Self.drain(&machine)
        guard case .fail(.malformedResponse, let retry, true) = outcomes.first else {
            Issue.record("expected a malformed response, got \(outcomes)")
            return
        }
        #expect(!retry, "bytes arrived: never sent twice")
    }

    @Test func aCloseMidResponseIsConnectionClosed() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Array(Self.response("0123456789").prefix(40)), now: 1)
        machine.peerClosed(now: 2)
        #expect(Self.drain(&machine) == [.fail(.connectionClosed, retry: false, hasExchange: true)])
    }

    // MARK: - Retry

    @Test func aStalePooledConnectionAsksForOneRetryOnAFreshOne() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Self.response("a"), now: 1)
        _ = Self.drain(&machine)
        let reused = exchanges.make(reused: true)
        machine.send(reused, now: 2)
        _ = Self.drain(&machine)
        machine.peerClosed(now: 3)
        #expect(Self.drain(&machine) == [.fail(.connectionClosed, retry: true, hasExchange: true)])
        #expect(!reused.reused, "a retried exchange is not retried again")
        #expect(exchanges.results.isEmpty)
    }

    @Test func aResetOnAPooledConnectionIsRetriedButNotOnAFreshOne() {
        let exchanges = Exchanges()
        var fresh = Self.connected(exchanges.make())
        _ = Self.drain(&fresh)
        fresh.ioFailed(.connectionReset)
        #expect(Self.drain(&fresh) == [.fail(.connectionReset, retry: false, hasExchange: true)])

        var pooled = Self.connected(exchanges.make())
        _ = Self.drain(&pooled)
        pooled.received(Self.response("a"), now: 1)
        _ = Self.drain(&pooled)
        pooled.send(exchanges.make(reused: true), now: 2)
        _ = Self.drain(&pooled)
        pooled.ioFailed(.connectionReset)
        #expect(Self.drain(&pooled) == [.fail(.connectionReset, retry: true, hasExchange: true)])
    }

    @Test func noRetryOnceTheUpstreamStartedAnswering() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(reused: true))
        _ = Self.drain(&machine)
        machine.received(Array("HTTP/1.1 200 OK\r\n".utf8), now: 1)
        machine.peerClosed(now: 2)
        #expect(Self.drain(&machine) == [.fail(.connectionClosed, retry: false, hasExchange: true)])
    }

    @Test func aResetAfterTheFirstResponseByteIsNeverRetried() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(reused: true))
        _ = Self.drain(&machine)
        machine.received(Array("HTTP/1.1 200 OK\r\n".utf8), now: 1)
        machine.ioFailed(.connectionReset)
        #expect(Self.drain(&machine) == [.fail(.connectionReset, retry: false, hasExchange: true)])
    }

    // MARK: - Timers

    @Test func theConnectTimeoutRunsFromTheConnectAttempt() {
        let exchanges = Exchanges()
        var machine = Machine(configuration: .init(), exchange: exchanges.make(connectTimeout: .seconds(2)), connectedAtOnce: false, now: 100)
        #expect(Self.drain(&machine) == [.setTimer(100 + 2 * Self.second)])
        machine.timerFired(now: 100 + 2 * Self.second - 1)
        #expect(Self.drain(&machine) == [.setTimer(100 + 2 * Self.second)], "an early timer re-arms for the deadline")
        machine.timerFired(now: 100 + 2 * Self.second)
        #expect(Self.drain(&machine) == [.fail(.connectTimeout, retry: false, hasExchange: true)])
    }

    @Test func aRefusedConnectFailsWithoutRetry() {
        let exchanges = Exchanges()
        var machine = Machine(configuration: .init(), exchange: exchanges.make(reused: true), connectedAtOnce: false, now: 0)
        _ = Self.drain(&machine)
        machine.connected(error: .connectionRefused, now: 1)
        #expect(Self.drain(&machine) == [.fail(.connectionRefused, retry: false, hasExchange: true)])
    }

    @Test func anUpstreamThatNeverAnswersTimesOut() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(responseTimeout: .milliseconds(300)), now: 5)
        _ = Self.drain(&machine)
        machine.timerFired(now: 5 + 300_000_000)
        #expect(Self.drain(&machine) == [.fail(.responseTimeout, retry: false, hasExchange: true)])
    }

    @Test func theResponseTimeoutEndsWithTheResponse() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Self.response("a"), now: 1)
        _ = Self.drain(&machine)
        machine.timerFired(now: 31 * Self.second)
        #expect(Self.drain(&machine).isEmpty)
        #expect(machine.isIdle)
    }

    @Test func idlePooledConnectionsCloseAfterTheIdleTimeout() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Self.response("a"), now: 1)
        _ = Self.drain(&machine)
        machine.pooled(idleTimeout: 60 * Self.second, now: 2)
        #expect(Self.drain(&machine) == [.setTimer(2 + 60 * Self.second)])
        machine.timerFired(now: 2 + 60 * Self.second)
        #expect(Self.drain(&machine) == [.close])
        #expect(machine.isClosed)
    }

    @Test func anIdleConnectionThatBecomesReadableCloses() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make())
        _ = Self.drain(&machine)
        machine.received(Self.response("a"), now: 1)
        _ = Self.drain(&machine)
        machine.readableWhileIdle()
        #expect(Self.drain(&machine) == [.close])
    }

    @Test func stoppingTheLoopFailsTheExchangeInProgress() {
        let exchanges = Exchanges()
        var machine = Self.connected(exchanges.make(reused: true))
        _ = Self.drain(&machine)
        machine.loopStopping()
        #expect(Self.drain(&machine) == [.fail(.shutdown, retry: false, hasExchange: true)])
        machine.loopStopping()
        #expect(Self.drain(&machine).isEmpty, "a closed connection has nothing left to fail")
    }
}
