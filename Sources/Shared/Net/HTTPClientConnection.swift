/// One upstream TCP connection of `HTTPClient`: connect, send one request at a time, parse the
/// response, then go back to its pool or close.
///
/// States: connecting → active (one exchange) → idle (in the pool, watching for EOF) → active …
/// → closed. One timer at a time: the connect timeout, the response timeout, or the pool's idle
/// timeout. Loop-confined.
final class HTTPClientConnection: EventLoopDescriptor {
    /// One request and what has come back for it so far.
    ///
    /// A class: the state enum, the retry path and the pool hand the same exchange around, and a
    /// struct of this size was copied (retaining every field) on each parser event.
    final class Exchange {
        let request: HTTPClientRequest
        let completion: (Result<HTTPResponse, HTTPClientError>) -> Void
        /// Sent on a connection taken from the pool (eligible for one retry if it proves stale).
        var reused: Bool
        var head: HTTPResponseHead?
        /// The response body, counted against the pool's budget; set up when the exchange starts.
        var body = BodyAccumulator(budget: nil, maxBytes: 0)
        var receivedAnything = false

        init(request: HTTPClientRequest, completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void, reused: Bool) {
            self.request = request
            self.completion = completion
            self.reused = reused
        }
    }

    private enum State {
        case connecting(Exchange)
        case active(Exchange)
        case idle
        case closed
    }

    let fd: Int32
    /// Plain TCP today; every read, write and close goes through it.
    private var transport: PlainTransport
    let key: HTTPClientPool.Key
    let loop: EventLoop
    private unowned let pool: HTTPClientPool
    private var state: State
    private var parser: HTTPResponseParser
    private var outbound = OutboundQueue()
    /// The one timeout in force (connect, response or pooled-idle) and when it expires.
    private var deadline: (kind: Timeout, at: UInt64)?
    /// The heap timer, never later than `deadline`; re-armed lazily when it fires early.
    private var scheduledTimer: (id: UInt64, at: UInt64)?
    private var interest: UInt32 = 0

    /// Opens a socket and starts connecting to `address` for `exchange`.
    init(address: SocketAddress, key: HTTPClientPool.Key, loop: EventLoop, pool: HTTPClientPool, limits: HTTPLimits,
         exchange: Exchange) throws(SyscallError) {
        fd = try Syscall.tcpSocket(family: address.family)
        transport = PlainTransport(fd: fd)
        self.key = key
        self.loop = loop
        self.pool = pool
        parser = HTTPResponseParser(limits: limits)
        state = .connecting(exchange)
        do throws(SyscallError) {
            try Syscall.setNoDelay(fd)
            let connected = try Syscall.connect(fd, to: address)
            interest = Epoll.Flags.writable
            try loop.register(fd, interest: interest, handler: self)
            if connected {
                // The write waits for the end of this loop iteration, so the requests produced by one
        // `epoll_wait` batch reach the upstream back to back: it wakes once for the batch instead
        // of once per request (through one node, echo's context switches fell 3x; docs/performance.md).
        loop.executeLocal { [self] in connectFinished() }
            } else {
                arm(.connect, after: exchange.request.connectTimeout.nanoseconds)
            }
        } catch {
            loop.deregister(fd)
            Syscall.close(fd)
            throw error
        }
    }

    var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    // MARK: - Sending

    /// Sends `exchange` on this idle connection.
    func send(_ exchange: Exchange) {
        guard case .idle = state else { preconditionFailure("send on a busy connection") }
        start(exchange)
    }

    private func start(_ exchange: Exchange) {
        state = .active(exchange)
        exchange.body.release()
        exchange.body = BodyAccumulator(budget: pool.configuration.bodyBudget, maxBytes: pool.configuration.limits.maxBodyBytes)
        parser.expectResponse(to: exchange.request.method)
        // The head is written into the queue; the body follows as it is (a large one by reference,
        // not copied behind the head: an upload is not held twice).
        outbound.appendInPlace { exchange.request.writeHead(into: &$0) }
        outbound.append(exchange.request.body)
        arm(.response, after: exchange.request.responseTimeout.nanoseconds)
        // The write waits for the end of this loop iteration, so the requests produced by one
        // `epoll_wait` batch reach the upstream back to back: it wakes once for the batch instead
        // of once per request (through one node, echo's context switches fell 3x; docs/performance.md).
        loop.executeLocal { [self] in
            guard case .active = state else { return }
            flush()
            if case .active = state { setInterest(Epoll.Flags.readable | (outbound.isEmpty ? 0 : Epoll.Flags.writable)) }
        }
    }

    private func flush() {
        do {
            while !outbound.isEmpty {
                guard case .bytes = try outbound.write(to: &transport) else { break }
            }
        } catch {
            fail(HTTPClientError(error), retryable: true)
        }
    }

    // MARK: - Events

    func descriptorReady(_ flags: UInt32) {
        switch state {
        case .closed:
            return
        case .connecting:
            connectFinished()
        case .idle:
            // Bytes or EOF on an idle connection: the upstream closed it or misbehaves.
            pool.remove(self)
            close()
        case .active:
            if flags & Epoll.Flags.writable != 0 {
                flush()
                if case .active = state, outbound.isEmpty { setInterest(Epoll.Flags.readable) }
            }
            if flags & (Epoll.Flags.readable | Epoll.Flags.hangup | Epoll.Flags.error) != 0 { readAvailable() }
        }
    }

    func loopStopping() {
        fail(.shutdown, retryable: false)
    }

    private func connectFinished() {
        guard case .connecting(let exchange) = state else { return }
        let code: Int32
        do {
            code = try Syscall.socketError(fd)
        } catch {
            fail(HTTPClientError(error), retryable: false)
            return
        }
        guard code == 0 else {
            fail(HTTPClientError(SyscallError(function: "connect", code: code)), retryable: false)
            return
        }
        cancelTimer()
        start(exchange)
    }

    private func readAvailable() {
        while case .active = state {
            let result: TransportResult
            do {
                result = try loop.readBuffer.read(from: &transport) { bytes in parser.append(bytes) }
            } catch {
                fail(HTTPClientError(error), retryable: true)
                return
            }
            guard case .bytes(let count) = result else { return }
            if count == 0 {
                finishAtEOF()
                return
            }
            if case .active(let exchange) = state { exchange.receivedAnything = true }
            drainParser(atEOF: false)
            if count < loop.readBuffer.capacity { return }
        }
    }

    private func finishAtEOF() {
        drainParser(atEOF: true)
        if case .active = state { fail(.connectionClosed, retryable: true) }
    }

    private func drainParser(atEOF: Bool) {
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

    private func complete(_ exchange: Exchange, reusable: Bool) {
        cancelTimer()
        guard let head = exchange.head else {
            fail(.malformedResponse("response ended without a head"), retryable: false)
            return
        }
        let keep = reusable && head.isKeepAlive && parser.bufferedByteCount == 0 && head.status != 101
        // The body leaves the client's accounting here; a server that queues it counts it again.
        let response = HTTPResponse(head: head, body: exchange.body.takeReleasingReservation())
        if keep {
            state = .idle
            setInterest(Epoll.Flags.readable)
            pool.release(self)
        } else {
            close()
        }
        exchange.completion(.success(response))
    }

    /// Ends the current exchange with `error`, or retries it once on a fresh connection when this
    /// pooled connection proved stale before any response byte (`retryable` and nothing received).
    private func fail(_ error: HTTPClientError, retryable: Bool) {
        let exchange: Exchange?
        switch state {
        case .connecting(let current), .active(let current): exchange = current
        case .idle, .closed: exchange = nil
        }
        close()
        guard let exchange else { return }
        exchange.body.release()
        if retryable, exchange.reused, !exchange.receivedAnything {
            exchange.reused = false
            exchange.head = nil
            pool.connectAndSend(exchange)
            return
        }
        exchange.completion(.failure(error))
    }

    /// Closes the socket; the current exchange, if any, is dropped (callers complete it first).
    func close() {
        switch state {
        case .closed: return
        case .connecting(let exchange), .active(let exchange): exchange.body.release()
        case .idle: break
        }
        state = .closed
        deadline = nil
        if let scheduled = scheduledTimer { loop.cancelTimer(id: scheduled.id) }
        scheduledTimer = nil
        loop.deregister(fd)
        transport.close()
        pool.remove(self)
    }

    // MARK: - Interest and timers

    private func setInterest(_ flags: UInt32) {
        guard flags != interest, !isClosed else { return }
        do {
            try loop.updateInterest(fd, interest: flags)
            interest = flags
        } catch {
            fail(HTTPClientError(error), retryable: false)
        }
    }

    private var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// What the connection's one timeout guards.
    enum Timeout {
        case connect, response, idle
    }

    /// Sets the connection's one timeout to `nanoseconds` from now, replacing any other.
    ///
    /// Like the server's connections, the heap timer moves lazily: when one is already scheduled
    /// no later than the new deadline nothing is touched, and when it fires early it re-arms for
    /// the deadline in force. A keep-alive exchange (response timeout, then the pool's idle
    /// timeout, then the next response timeout) therefore costs no heap insert or cancel at all;
    /// one per-request insert and cancel of a closure was about 5 % of a proxying node's user time.
    func arm(_ kind: Timeout, after nanoseconds: UInt64) {
        let at = Syscall.monotonicNanos() &+ nanoseconds
        deadline = (kind, at)
        if let scheduled = scheduledTimer {
            if scheduled.at <= at { return }
            loop.cancelTimer(id: scheduled.id)
        }
        // Strong capture: `close()` cancels the heap timer, which releases this closure.
        let id = loop.scheduleLocal(at: at) { [self] in timerFired() }
        scheduledTimer = (id, at)
    }

    private func timerFired() {
        scheduledTimer = nil
        guard let current = deadline else { return }
        if current.at > Syscall.monotonicNanos() {
            let id = loop.scheduleLocal(at: current.at) { [self] in timerFired() }
            scheduledTimer = (id, current.at)
            return
        }
        deadline = nil
        switch current.kind {
        case .connect: fail(.connectTimeout, retryable: false)
        case .response: fail(.responseTimeout, retryable: false)
        case .idle: close()
        }
    }

    /// Clears the timeout in force; the heap timer stays until it fires (or the connection closes).
    private func cancelTimer() {
        deadline = nil
    }
}
