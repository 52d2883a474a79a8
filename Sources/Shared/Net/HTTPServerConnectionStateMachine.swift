/// The protocol logic of one server connection: bytes and events in, actions out.
///
/// Pure: no sockets, no clock, no threads. The I/O shell (`HTTPServerConnection`) feeds it bytes
/// read, responses produced by the handler, write progress, timer expiry and shutdown, each with
/// the current monotonic time in nanoseconds, then performs the actions it returns through
/// `nextAction()`. Bytes to send accumulate in `outbound`; the shell writes them when it sees
/// `.flush` and reports progress with `wrote(now:)`.
///
/// Behaviour: keep-alive and HTTP/1.0 keep-alive; pipelining with responses strictly in request
/// order; `Expect: 100-continue` (the interim response goes out once every earlier response has);
/// HEAD (framing headers, no body); parse errors answered with their status and
/// `Connection: close` after earlier responses (status 0: close without answering); head, body,
/// idle, stalled-write and linger timeouts; write backpressure (reading stops above the high-water
/// mark and resumes below the low-water mark, so a client that never reads cannot make us buffer
/// more than about one response past the mark); graceful shutdown; protocol upgrade (a `101` to a
/// request that asked for one hands the connection over, see `+Upgrade`).
///
/// Split over five files (`+Responses`, `+Timers`, `+BodyMemory`, `+Upgrade`); members are internal only so those can reach
/// them. Nothing outside the machine mutates its state except through the event methods.
struct HTTPServerConnectionStateMachine {
    /// Limits and timeouts, in bytes and nanoseconds.
    struct Configuration {
        var limits: HTTPLimits = .default
        var headTimeout: UInt64 = 10_000_000_000
        var bodyTimeout: UInt64 = 30_000_000_000
        var idleTimeout: UInt64 = 60_000_000_000
        var lingerTimeout: UInt64 = 2_000_000_000
        var highWaterMark = 256 * 1024
        var lowWaterMark = 64 * 1024
        var maxPipelinedRequests = 32
        /// The node-wide body allowance (nil: bodies are bounded only by `limits.maxBodyBytes`).
        /// Request bodies count while read and until their response is queued; response bodies
        /// count while they wait in `outbound`. Over it, a request body is refused with 503.
        var bodyBudget: BodyMemoryBudget?
        /// The answer to a request the engine refuses (400, 408, 413, 414, 431, 501, 505).
        var refusal: @Sendable (Int) -> HTTPResponse = HTTPServer.Configuration.plainRefusal
    }

    /// What the shell must do.
    enum Action: Equatable {
        /// Call the handler with this request; its response comes back via `responseReady`.
        case deliver(HTTPRequest, sequence: UInt64)
        /// `outbound` has bytes: write them (the shell may batch several flushes into one write).
        case flush
        /// Turn read interest on or off (backpressure, pipelining depth, end of input).
        case setReading(Bool)
        /// The next deadline (absolute monotonic nanoseconds) at which to call `timerFired`.
        case setTimer(UInt64)
        /// No deadline is pending.
        case cancelTimer
        /// Everything is sent: half-close (send FIN) and keep reading until EOF or the linger timer.
        case shutdownWrite
        /// Close the socket now.
        case close
        /// The handler switched protocols: stop speaking HTTP and hand the transport, the unsent
        /// `outbound` (ending with the `101` head) and `buffered` (bytes read past the request)
        /// to a new owner. The machine emits nothing after this.
        case upgrade(buffered: [UInt8])
    }

    /// A request that has been delivered (or refused) and whose response is not yet queued.
    struct Pending {
        var sequence: UInt64
        var isHead: Bool
        var keepAlive: Bool
        var isHTTP10: Bool
        var response: HTTPResponse?
        /// For a refusal: send `response` (if any) and close.
        var isFinal: Bool
        /// Budget bytes held by the request's body, given back when its response is queued.
        var reservedBytes = 0
        /// The request offered a protocol upgrade: a `101` answer hands the connection over.
        var asksUpgrade = false
    }

    /// Where reading the next request stands.
    enum Reading {
        /// Between requests.
        case idle
        /// Receiving a head since `since`.
        case head(since: UInt64)
        /// Receiving the body of `head` (into `requestBody`) since `since`.
        case body(HTTPRequestHead, since: UInt64)
        /// No more requests will be read (close requested, refused, draining, or peer EOF).
        case stopped
    }

    /// The connection's overall phase.
    enum Phase: Equatable {
        case open
        /// Waiting for the outbound queue to empty before half-closing.
        case closingAfterWrite
        /// Half-closed, discarding input until EOF or `deadline`.
        case lingering(deadline: UInt64)
        case closed
        /// Handed over after `101 Switching Protocols`; no longer HTTP.
        case upgraded
    }

    let configuration: Configuration
    var parser: HTTPRequestParser
    /// Bytes waiting to be written; the shell writes from here.
    var outbound = OutboundQueue()
    var reading: Reading = .idle
    var pending: [Pending] = []
    var phase: Phase = .open
    var nextSequence: UInt64 = 0
    var pausedForBackpressure = false
    var draining = false
    var peerFinished = false
    /// When the current receiving request asked for `100 Continue` that is not sent yet.
    var continueOwed = false
    /// A delivered request asked for an upgrade and its answer is not queued: parsing waits.
    var upgradeOffered = false
    var lastActivity: UInt64
    var readingEnabled = true
    var armedDeadline: UInt64?
    var actions: [Action] = []
    var actionIndex = 0
    var lastNow: UInt64
    /// The body of the request being received, grown as its bytes arrive.
    var requestBody: BodyAccumulator
    /// Bytes of `outbound` counted against the budget (response bodies); never above `outbound.retainedCount`.
    var outboundReserved = 0

    /// The largest `outbound.count` seen, for statistics and tests.
    private(set) var peakOutboundBytes = 0

    init(configuration: Configuration, now: UInt64) {
        self.configuration = configuration
        parser = HTTPRequestParser(limits: configuration.limits)
        requestBody = BodyAccumulator(budget: configuration.bodyBudget, maxBytes: configuration.limits.maxBodyBytes)
        lastActivity = now
        lastNow = now
        updateTimer()
    }

    var isClosed: Bool { phase == .closed }
    /// True when no request is partly read or awaiting its response and nothing is queued.
    var isIdle: Bool {
        if case .idle = reading, pending.isEmpty, outbound.isEmpty { return true }
        return false
    }

    // MARK: - Events

    /// Bytes arrived from the peer.
    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        guard receiving(now: now) else { return }
        parser.append(bytes)
        noteHeadStart(now: now)
    }

    /// Bytes arrived from the peer (tests).
    mutating func received(_ bytes: [UInt8], now: UInt64) {
        guard receiving(now: now) else { return }
        parser.append(bytes)
        noteHeadStart(now: now)
    }

    mutating func receiving(now: UInt64) -> Bool {
        lastNow = now
        lastActivity = now
        switch phase {
        case .lingering, .closed, .upgraded: return false
        case .open, .closingAfterWrite: break
        }
        if case .stopped = reading { return false }
        return true
    }

    mutating func noteHeadStart(now: UInt64) {
        if case .idle = reading, parser.bufferedByteCount > 0 {
            reading = .head(since: now)
            updateTimer()
        }
    }

    /// The handler answered request `sequence`. Later duplicates and unknown sequences are ignored.
    mutating func responseReady(_ response: HTTPResponse, sequence: UInt64, now: UInt64) {
        lastNow = now
        guard phase != .closed, phase != .upgraded,
              let index = pending.firstIndex(where: { $0.sequence == sequence && !$0.isFinal }),
              pending[index].response == nil else { return }
        pending[index].response = response
        queueReadyResponses()
        updateReading()
        updateTimer()
    }

    /// The shell wrote some of `outbound` (or found it empty).
    mutating func wrote(now: UInt64) {
        lastNow = now
        guard phase != .upgraded else { return }
        lastActivity = now
        releaseWrittenOutbound()
        if pausedForBackpressure, outbound.count <= configuration.lowWaterMark {
            pausedForBackpressure = false
            updateReading()
        }
        if outbound.isEmpty, phase == .closingAfterWrite {
            if peerFinished {
                closeNow()
                return
            }
            phase = .lingering(deadline: now &+ configuration.lingerTimeout)
            emit(.shutdownWrite)
            updateReading()
        }
        updateTimer()
    }

    /// The peer sent end of stream (its write side is closed).
    ///
    /// Complete requests already buffered are still parsed and answered; a partial one never
    /// completes. The connection closes once everything owed is written.
    mutating func peerClosed(now: UInt64) {
        lastNow = now
        peerFinished = true
        if endsInLingerOrClosed() { return }
        if pending.isEmpty, outbound.isEmpty, !mayParse || parser.bufferedByteCount == 0 {
            closeNow()
            return
        }
        updateReading()
        updateTimer()
    }

    /// True when the current phase ends an end-of-stream or timer event at once: nothing happens
    /// once closed or upgraded, and a lingering connection closes (its peer is done, or the grace
    /// period is over).
    private mutating func endsInLingerOrClosed() -> Bool {
        switch phase {
        case .closed, .upgraded: return true
        case .lingering:
            closeNow()
            return true
        case .open, .closingAfterWrite: return false
        }
    }

    /// The deadline from the last `.setTimer` may have passed.
    mutating func timerFired(now: UInt64) {
        lastNow = now
        guard let deadline = currentDeadline(), deadline <= now else {
            updateTimer()
            return
        }
        if endsInLingerOrClosed() { return }
        switch reading {
        case .head, .body:
            // Slowloris or a stalled upload: answer 408 if that can go out cleanly, else just close.
            if pending.isEmpty, outbound.isEmpty {
                reading = .stopped
                refuse(status: 408)
            } else {
                closeNow()
            }
        case .idle, .stopped:
            // Idle keep-alive, or the peer stopped reading our output.
            closeNow()
        }
    }

    /// Graceful shutdown: finish what was received, accept no new request, then close.
    mutating func shutdownRequested(now: UInt64) {
        lastNow = now
        guard phase != .closed, phase != .upgraded else { return }
        draining = true
        switch reading {
        case .idle:
            reading = .stopped
        case .head, .body, .stopped:
            break
        }
        if case .stopped = reading, pending.isEmpty, outbound.isEmpty {
            closeNow()
            return
        }
        finishIfDone()
        updateReading()
        updateTimer()
    }

    // MARK: - Actions

    /// The next action to perform, parsing buffered requests as far as allowed; nil when done.
    mutating func nextAction() -> Action? {
        while true {
            if actionIndex < actions.count {
                let action = actions[actionIndex]
                actionIndex += 1
                return action
            }
            actions.removeAll(keepingCapacity: true)
            actionIndex = 0
            guard parseOne() else { return nil }
        }
    }

    mutating func emit(_ action: Action) {
        actions.append(action)
    }

    // MARK: - Parsing

    var mayParse: Bool {
        guard phase == .open, !pausedForBackpressure, !upgradeOffered, pending.count < configuration.maxPipelinedRequests else { return false }
        if case .stopped = reading { return false }
        return true
    }

    /// Parses until one request is delivered, an error is handled, or more bytes are needed.
    /// Returns whether actions were emitted (the caller has emptied `actions` before calling).
    mutating func parseOne() -> Bool {
        var progressed = false
        while mayParse {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                reading = .stopped
                refuse(status: error.status)
                return true
            }
            guard let event else {
                if peerFinished {
                    // Nothing more will arrive: what is buffered is all there is.
                    reading = .stopped
                    let before = actions.count
                    finishIfDone()
                    updateReading()
                    updateTimer()
                    return actions.count > before
                }
                break
            }
            progressed = true
            switch event {
            case .head(let head):
                // The body grows as bytes arrive: a declared length reserves nothing.
                requestBody.release()
                reading = .body(head, since: lastNow)
                continueOwed = head.expectsContinue && head.version == .http1_1 && Self.expectsBody(head)
                sendContinueIfOwed()
                updateTimer()
            case .body(let chunk):
                guard case .body = reading else { continue }
                continueOwed = false
                guard requestBody.append(chunk) else {
                    // The node's body memory is spent: refuse this request rather than grow.
                    reading = .stopped
                    refuse(status: 503)
                    return true
                }
            case .end:
                guard case .body(let head, _) = reading else { continue }
                continueOwed = false
                let body = requestBody.take()
                deliver(HTTPRequest(head: head, body: body.bytes), reservedBytes: body.reserved)
                return true
            }
        }
        if progressed { updateTimer() }
        return !actions.isEmpty
    }

    mutating func deliver(_ request: HTTPRequest, reservedBytes: Int) {
        let options = request.head.connectionOptions
        let keepAlive = options.keepAlive && !draining
        let sequence = nextSequence
        nextSequence += 1
        let asksUpgrade = keepAlive && options.asksForUpgrade
        if asksUpgrade { upgradeOffered = true }
        pending.append(Pending(
            sequence: sequence, isHead: request.head.method == .HEAD, keepAlive: keepAlive,
            isHTTP10: request.head.version == .http1_0, response: nil, isFinal: false, reservedBytes: reservedBytes,
            asksUpgrade: asksUpgrade))
        if !keepAlive {
            reading = .stopped
        } else if parser.bufferedByteCount > 0 {
            reading = .head(since: lastNow)
        } else {
            reading = .idle
        }
        emit(.deliver(request, sequence: sequence))
        updateReading()
        updateTimer()
    }

    mutating func notePeak() {
        if outbound.count > peakOutboundBytes { peakOutboundBytes = outbound.count }
    }
}
