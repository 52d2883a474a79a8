/// The protocol logic of one upstream connection of `HTTPClient`: events in, actions out.
///
/// Pure: no sockets, no clock, no pool. The I/O shell (`HTTPClientConnection`) reports the
/// connect result, bytes read, end of stream, I/O failures and timer expiry, each with the
/// current monotonic time in nanoseconds, and performs the actions `nextAction()` returns.
/// The request's bytes wait in `outbound`; the shell writes them when it sees `.send`.
///
/// States: connecting → active (one exchange) → idle (in the pool, watching for EOF) → active …
/// → closed. One deadline at a time: the connect timeout, the response timeout, or the pool's
/// idle timeout. A failed exchange is retried once, on a fresh connection, only when this pooled
/// connection proved stale before any response byte arrived (`.fail(…, retry: true)`).
struct HTTPClientConnectionStateMachine {
    /// Response limits and the node's body allowance.
    struct Configuration {
        var limits: HTTPLimits = .default
        var bodyBudget: BodyMemoryBudget?
    }

    /// What the connection's one deadline guards.
    enum Timeout: Equatable {
        case connect, response, idle
    }

    /// What the shell must do.
    enum Action {
        /// `outbound` holds a request: write it (at the end of this loop iteration, so a batch of
        /// requests reaches the upstream back to back), then watch for the response.
        case send
        /// The next deadline (absolute monotonic nanoseconds) at which to call `timerFired`.
        case setTimer(UInt64)
        /// The exchange got its response. `reusable`: the connection is idle now (watch it for
        /// EOF and return it to the pool); otherwise it is closed. Then call the completion.
        case succeed(HTTPClientExchange, HTTPResponse, reusable: Bool)
        /// The connection is closed. Then send `exchange` again on a fresh connection (`retry`),
        /// or complete it with `error`; nil when no exchange was in progress.
        case fail(HTTPClientExchange?, HTTPClientError, retry: Bool)
        /// The connection is closed (idle timeout, or the upstream closed or spoke while idle).
        case close
    }

    enum State {
        case connecting(HTTPClientExchange)
        case active(HTTPClientExchange)
        case idle
        case closed
    }

    let configuration: Configuration
    private(set) var state: State
    var parser: HTTPResponseParser
    /// Bytes of the current request not yet written; the shell writes from here.
    var outbound = OutboundQueue()
    /// The one timeout in force and when it expires.
    private(set) var deadline: (kind: Timeout, at: UInt64)?
    private var actions: [Action] = []
    private var actionIndex = 0

    /// Starts connecting for `exchange`; `connectedAtOnce` when `connect` completed synchronously
    /// (the shell then reports `connected` without a connect timeout).
    init(configuration: Configuration, exchange: HTTPClientExchange, connectedAtOnce: Bool, now: UInt64) {
        self.configuration = configuration
        parser = HTTPResponseParser(limits: configuration.limits)
        state = .connecting(exchange)
        if !connectedAtOnce { arm(.connect, at: now &+ exchange.request.connectTimeout.nanoseconds) }
    }

    var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    var isActive: Bool {
        if case .active = state { return true }
        return false
    }

    var isConnecting: Bool {
        if case .connecting = state { return true }
        return false
    }

    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    // MARK: - Events

    /// The connect attempt finished: `error` nil when the socket is connected.
    mutating func connected(error: HTTPClientError?, now: UInt64) {
        guard case .connecting(let exchange) = state else { return }
        if let error {
            fail(error, retryable: false)
            return
        }
        deadline = nil
        start(exchange, now: now)
    }

    /// Sends `exchange` on this idle connection (taken from the pool).
    mutating func send(_ exchange: HTTPClientExchange, now: UInt64) {
        guard case .idle = state else { preconditionFailure("send on a busy connection") }
        start(exchange, now: now)
    }

    /// Bytes arrived from the upstream.
    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        guard case .active(let exchange) = state else { return }
        parser.append(bytes)
        exchange.receivedAnything = true
        drainParser(atEOF: false)
    }

    /// Bytes arrived from the upstream (tests).
    mutating func received(_ bytes: [UInt8], now: UInt64) {
        bytes.withUnsafeBytes { received($0, now: now) }
    }

    /// The upstream ended the stream.
    mutating func peerClosed(now: UInt64) {
        guard case .active = state else { return }
        drainParser(atEOF: true)
        if case .active = state { fail(.connectionClosed, retryable: true) }
    }

    /// The socket became readable (or hung up) while the connection sat idle in the pool.
    mutating func readableWhileIdle() {
        guard case .idle = state else { return }
        closeNow()
    }

    /// Reading or writing failed (a reset, say): nothing more can be exchanged here.
    mutating func ioFailed(_ error: HTTPClientError) {
        fail(error, retryable: true)
    }

    /// Watching the socket failed (epoll refused the interest change).
    mutating func watchFailed(_ error: HTTPClientError) {
        fail(error, retryable: false)
    }

    /// The loop is stopping: fail what is in progress.
    mutating func loopStopping() {
        fail(.shutdown, retryable: false)
    }

    /// The pool keeps this idle connection for at most `nanoseconds`.
    mutating func pooled(idleTimeout nanoseconds: UInt64, now: UInt64) {
        arm(.idle, at: now &+ nanoseconds)
    }

    /// The deadline of the last `.setTimer` may have passed.
    mutating func timerFired(now: UInt64) {
        guard let current = deadline else { return }
        if current.at > now {
            emit(.setTimer(current.at))
            return
        }
        deadline = nil
        switch current.kind {
        case .connect: fail(.connectTimeout, retryable: false)
        case .response: fail(.responseTimeout, retryable: false)
        case .idle: closeNow()
        }
    }

    /// Closes without an outcome (the pool dropped the connection); the exchange, if any, is
    /// dropped and its body memory given back. Emits nothing.
    mutating func close() {
        switch state {
        case .closed: return
        case .connecting(let exchange), .active(let exchange): exchange.body.release()
        case .idle: break
        }
        state = .closed
        deadline = nil
        outbound.removeAll()
    }

    // MARK: - Actions

    /// The next action to perform; nil when none is pending.
    mutating func nextAction() -> Action? {
        guard actionIndex < actions.count else {
            if !actions.isEmpty {
                actions.removeAll(keepingCapacity: true)
                actionIndex = 0
            }
            return nil
        }
        let action = actions[actionIndex]
        actionIndex += 1
        return action
    }

    private mutating func emit(_ action: Action) {
        actions.append(action)
    }

    // MARK: - Exchange

    private mutating func start(_ exchange: HTTPClientExchange, now: UInt64) {
        state = .active(exchange)
        exchange.body.release()
        exchange.body = BodyAccumulator(budget: configuration.bodyBudget, maxBytes: configuration.limits.maxBodyBytes)
        parser.expectResponse(to: exchange.request.method)
        // The head is written into the queue; the body follows as it is (a large one by reference,
        // not copied behind the head: an upload is not held twice).
        outbound.appendInPlace { exchange.request.writeHead(into: &$0) }
        outbound.append(exchange.request.body)
        arm(.response, at: now &+ exchange.request.responseTimeout.nanoseconds)
        emit(.send)
    }

    private mutating func drainParser(atEOF: Bool) {
        while case .active(let exchange) = state {
            let event: HTTPResponseParser.Event?
            do {
                event = atEOF ? try parser.finishAtEOF() : try parser.next()
            } catch {
                fail(HTTPClientError(error), retryable: error == .closedWithoutResponse)
                return
            }
            guard let event else { return }
            switch event {
            case .head(let head):
                exchange.head = head
            case .body(let bytes):
                guard exchange.body.append(bytes) else {
                    fail(.bufferBudgetExceeded, retryable: false)
                    return
                }
            case .end:
                complete(exchange, reusable: !atEOF)
                return
            }
        }
    }

    // MARK: - Outcomes

    private mutating func complete(_ exchange: HTTPClientExchange, reusable: Bool) {
        deadline = nil
        guard let head = exchange.head else {
            fail(.malformedResponse("response ended without a head"), retryable: false)
            return
        }
        let keep = reusable && head.isKeepAlive && parser.bufferedByteCount == 0 && head.status != 101
        // The body leaves the client's accounting here; a server that queues it counts it again.
        let response = HTTPResponse(head: head, body: exchange.body.takeReleasingReservation())
        if keep {
            state = .idle
        } else {
            close()
        }
        emit(.succeed(exchange, response, reusable: keep))
    }

    /// Ends the current exchange with `error`, or asks for one retry on a fresh connection when
    /// this pooled connection proved stale before any response byte (`retryable`, nothing received).
    private mutating func fail(_ error: HTTPClientError, retryable: Bool) {
        let exchange: HTTPClientExchange?
        switch state {
        case .connecting(let current), .active(let current): exchange = current
        case .idle: exchange = nil
        case .closed: return
        }
        close()
        guard let exchange else {
            emit(.fail(nil, error, retry: false))
            return
        }
        exchange.body.release()
        if retryable, exchange.reused, !exchange.receivedAnything {
            exchange.reused = false
            exchange.head = nil
            emit(.fail(exchange, error, retry: true))
            return
        }
        emit(.fail(exchange, error, retry: false))
    }

    private mutating func closeNow() {
        close()
        emit(.close)
    }

    /// Sets the one timeout, replacing any other; the shell's heap timer moves lazily.
    private mutating func arm(_ kind: Timeout, at: UInt64) {
        deadline = (kind, at)
        emit(.setTimer(at))
    }
}
