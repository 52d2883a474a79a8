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
/// more than about one response past the mark); graceful shutdown.
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
    }

    /// A request that has been delivered (or refused) and whose response is not yet queued.
    private struct Pending {
        var sequence: UInt64
        var isHead: Bool
        var keepAlive: Bool
        var isHTTP10: Bool
        var response: HTTPResponse?
        /// For a refusal: send `response` (if any) and close.
        var isFinal: Bool
    }

    /// Where reading the next request stands.
    private enum Reading {
        /// Between requests.
        case idle
        /// Receiving a head since `since`.
        case head(since: UInt64)
        /// Receiving the body of `head` since `since`.
        case body(HTTPRequestHead, [UInt8], since: UInt64)
        /// No more requests will be read (close requested, refused, draining, or peer EOF).
        case stopped
    }

    /// The connection's overall phase.
    private enum Phase: Equatable {
        case open
        /// Waiting for the outbound queue to empty before half-closing.
        case closingAfterWrite
        /// Half-closed, discarding input until EOF or `deadline`.
        case lingering(deadline: UInt64)
        case closed
    }

    let configuration: Configuration
    private var parser: HTTPRequestParser
    /// Bytes waiting to be written; the shell writes from here.
    var outbound = OutboundQueue()
    private var reading: Reading = .idle
    private var pending: [Pending] = []
    private var phase: Phase = .open
    private var nextSequence: UInt64 = 0
    private var pausedForBackpressure = false
    private var draining = false
    private var peerFinished = false
    /// When the current receiving request asked for `100 Continue` that is not sent yet.
    private var continueOwed = false
    private var lastActivity: UInt64
    private var readingEnabled = true
    private var armedDeadline: UInt64?
    private var actions: [Action] = []
    private var actionIndex = 0
    private var lastNow: UInt64

    /// The largest `outbound.count` seen, for statistics and tests.
    private(set) var peakOutboundBytes = 0

    init(configuration: Configuration, now: UInt64) {
        self.configuration = configuration
        parser = HTTPRequestParser(limits: configuration.limits)
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

    private mutating func receiving(now: UInt64) -> Bool {
        lastNow = now
        lastActivity = now
        switch phase {
        case .lingering, .closed: return false
        case .open, .closingAfterWrite: break
        }
        if case .stopped = reading { return false }
        return true
    }

    private mutating func noteHeadStart(now: UInt64) {
        if case .idle = reading, parser.bufferedByteCount > 0 {
            reading = .head(since: now)
            updateTimer()
        }
    }

    /// The handler answered request `sequence`. Later duplicates and unknown sequences are ignored.
    mutating func responseReady(_ response: HTTPResponse, sequence: UInt64, now: UInt64) {
        lastNow = now
        guard phase != .closed,
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
        lastActivity = now
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
        switch phase {
        case .closed: return
        case .lingering:
            closeNow()
            return
        case .open, .closingAfterWrite: break
        }
        if pending.isEmpty, outbound.isEmpty, !mayParse || parser.bufferedByteCount == 0 {
            closeNow()
            return
        }
        updateReading()
        updateTimer()
    }

    /// The deadline from the last `.setTimer` may have passed.
    mutating func timerFired(now: UInt64) {
        lastNow = now
        guard let deadline = currentDeadline(), deadline <= now else {
            updateTimer()
            return
        }
        switch phase {
        case .closed: return
        case .lingering:
            closeNow()
            return
        case .open, .closingAfterWrite: break
        }
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
        guard phase != .closed else { return }
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

    private mutating func emit(_ action: Action) {
        actions.append(action)
    }

    // MARK: - Parsing

    private var mayParse: Bool {
        guard phase == .open, !pausedForBackpressure, pending.count < configuration.maxPipelinedRequests else { return false }
        if case .stopped = reading { return false }
        return true
    }

    /// Parses until one request is delivered, an error is handled, or more bytes are needed.
    /// Returns whether actions were emitted (the caller has emptied `actions` before calling).
    private mutating func parseOne() -> Bool {
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
                var body: [UInt8] = []
                if let length = head.headers["content-length"].flatMap(Int.init), length > 0 {
                    body.reserveCapacity(min(length, configuration.limits.maxBodyBytes))
                }
                reading = .body(head, body, since: lastNow)
                continueOwed = head.expectsContinue && head.version == .http1_1 && Self.expectsBody(head)
                sendContinueIfOwed()
                updateTimer()
            case .body(let chunk):
                guard case .body(let head, var body, let since) = reading else { continue }
                reading = .idle  // drop the reference so `body` is uniquely owned
                body.append(contentsOf: chunk)
                reading = .body(head, body, since: since)
                continueOwed = false
            case .end:
                guard case .body(let head, let body, _) = reading else { continue }
                continueOwed = false
                deliver(HTTPRequest(head: head, body: body))
                return true
            }
        }
        if progressed { updateTimer() }
        return !actions.isEmpty
    }

    private mutating func deliver(_ request: HTTPRequest) {
        let keepAlive = request.head.isKeepAlive && !draining
        let sequence = nextSequence
        nextSequence += 1
        pending.append(Pending(
            sequence: sequence, isHead: request.head.method == .HEAD, keepAlive: keepAlive,
            isHTTP10: request.head.version == .http1_0, response: nil, isFinal: false))
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

    private static func expectsBody(_ head: HTTPRequestHead) -> Bool {
        if head.headers.contains("transfer-encoding") { return true }
        if let length = head.headers["content-length"] { return length != "0" }
        return false
    }

    /// Sends `100 Continue` for the request being received once no earlier response is outstanding.
    private mutating func sendContinueIfOwed() {
        guard continueOwed, pending.isEmpty else { return }
        continueOwed = false
        outbound.appendInPlace { $0.append(contentsOf: Self.continueBytes) }
        notePeak()
        emit(.flush)
    }

    private static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Answers a refused or timed-out request after the earlier responses, then closes.
    private mutating func refuse(status: Int) {
        var response: HTTPResponse?
        if status != 0 {
            let reason = Self.reasonPhrases[status] ?? "Error"
            var headers = HTTPHeaders()
            headers.add("Content-Type", "text/plain")
            response = HTTPResponse(status: status, headers: headers, body: Array("\(status) \(reason)\n".utf8))
        }
        pending.append(Pending(sequence: UInt64.max, isHead: false, keepAlive: false, isHTTP10: false, response: response, isFinal: true))
        queueReadyResponses()
        updateReading()
        updateTimer()
    }

    private static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long",
        431: "Request Header Fields Too Large", 501: "Not Implemented", 505: "HTTP Version Not Supported",
    ]

    // MARK: - Responses

    /// Serializes every response at the front of `pending` that is ready, in order.
    private mutating func queueReadyResponses() {
        var queuedAny = false
        while let first = pending.first, first.response != nil || first.isFinal {
            pending.removeFirst()
            let closeAfter = !first.keepAlive || first.isFinal || (pending.isEmpty && isStopped && (draining || peerFinished))
            if let response = first.response {
                serialize(response, for: first, closeAfter: closeAfter)
                queuedAny = true
            }
            if closeAfter || first.response.flatMap({ Self.asksToClose($0) }) == true {
                reading = .stopped
                pending.removeAll()
                phase = .closingAfterWrite
                break
            }
        }
        sendContinueIfOwed()
        if queuedAny { emit(.flush) }
        if phase == .closingAfterWrite, outbound.isEmpty {
            closeNow()  // a refusal with nothing to say (status 0)
            return
        }
        if pending.isEmpty { finishIfDone() }
        if outbound.count > configuration.highWaterMark { pausedForBackpressure = true }
    }

    private var isStopped: Bool {
        if case .stopped = reading { return true }
        return false
    }

    private static func asksToClose(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers["connection"] else { return false }
        return HTTPHeaders.equalsIgnoringCase(value, "close")
    }

    /// Writes the head straight into `outbound` (the serializer drops handler-set framing fields
    /// and computes `Content-Length`); the `Connection` field is only touched when it must be.
    private mutating func serialize(_ response: HTTPResponse, for request: Pending, closeAfter: Bool) {
        var head = response.head
        if closeAfter {
            head.headers.set("Connection", "close")
        } else if request.isHTTP10 {
            head.headers.set("Connection", "keep-alive")
        }
        let status = head.status
        let bodyless = status < 200 || status == 204 || status == 304
        let length: Int?
        if bodyless {
            length = nil
        } else if request.isHead, response.body.isEmpty {
            // A HEAD answer may carry the length a GET would have (e.g. copied from an upstream).
            length = head.headers["content-length"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
        } else {
            length = response.body.count
        }
        outbound.appendInPlace { HTTPSerializer.writeResponseHead(head, contentLength: length, into: &$0) }
        if !request.isHead, !bodyless { outbound.append(response.body) }
        notePeak()
    }

    private mutating func notePeak() {
        if outbound.count > peakOutboundBytes { peakOutboundBytes = outbound.count }
    }

    /// Moves to closing once a draining or stopped connection has nothing left to answer.
    private mutating func finishIfDone() {
        guard phase == .open, pending.isEmpty, isStopped, draining || peerFinished else { return }
        if outbound.isEmpty {
            closeNow()
        } else {
            phase = .closingAfterWrite
        }
    }

    private mutating func closeNow() {
        guard phase != .closed else { return }
        phase = .closed
        reading = .stopped
        pending.removeAll()
        outbound.removeAll()
        emit(.close)
    }

    // MARK: - Interest and timers

    private mutating func updateReading() {
        let wanted: Bool
        switch phase {
        case .lingering: wanted = true
        case .closed: wanted = false
        case .open, .closingAfterWrite: wanted = mayParse && !peerFinished
        }
        if wanted != readingEnabled {
            readingEnabled = wanted
            if phase != .closed { emit(.setReading(wanted)) }
            if wanted { restartReadClock() }
        }
    }

    /// Reading was suspended by us (backpressure, pipelining depth): the time that took is not
    /// the peer's, so a head or body in progress gets its full timeout again from now.
    private mutating func restartReadClock() {
        switch reading {
        case .head: reading = .head(since: lastNow)
        case .body(let head, let body, _):
            reading = .idle  // keep `body` uniquely referenced
            reading = .body(head, body, since: lastNow)
        case .idle, .stopped: break
        }
    }

    /// True while we, not the peer, hold up reading the next request.
    private var readingSuspended: Bool {
        pausedForBackpressure || pending.count >= configuration.maxPipelinedRequests
    }

    private func currentDeadline() -> UInt64? {
        switch phase {
        case .closed: return nil
        case .lingering(let deadline): return deadline
        case .open, .closingAfterWrite: break
        }
        switch reading {
        case .head(let since) where !readingSuspended: return since &+ configuration.headTimeout
        case .body(_, _, let since) where !readingSuspended: return since &+ configuration.bodyTimeout
        case .head, .body:
            // Suspended by us: only a peer that stops reading our output can time out now.
            return outbound.isEmpty ? nil : lastActivity &+ configuration.idleTimeout
        case .idle, .stopped:
            // Idle keep-alive, or output the peer is not reading: the idle timeout since the last
            // progress either way. A handler still working has no deadline here.
            if !outbound.isEmpty || pending.isEmpty { return lastActivity &+ configuration.idleTimeout }
            return nil
        }
    }

    private mutating func updateTimer() {
        let deadline = currentDeadline()
        guard deadline != armedDeadline, phase != .closed else { return }
        armedDeadline = deadline
        emit(deadline.map { .setTimer($0) } ?? .cancelTimer)
    }
}
