/// Refusals, `100 Continue`, ordered response serialization, and closing.
extension HTTPServerConnectionStateMachine {
    /// Answers a refused or timed-out request after the earlier responses, then closes.
    mutating func refuse(status: Int) {
        requestBody.release()  // a partial body is never delivered
        let response = status != 0 ? configuration.refusal(status) : nil
        pending.append(Pending(sequence: UInt64.max, isHead: false, keepAlive: false, isHTTP10: false, response: response, isFinal: true))
        queueReadyResponses()
        updateReading()
        updateTimer()
    }

    static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long",
        431: "Request Header Fields Too Large", 501: "Not Implemented", 503: "Service Unavailable", 505: "HTTP Version Not Supported",
    ]

    // MARK: - 100 Continue

    static func expectsBody(_ head: HTTPRequestHead) -> Bool {
        if head.headers.contains("transfer-encoding") { return true }
        if let length = head.headers["content-length"] { return length != "0" }
        return false
    }

    /// Sends `100 Continue` for the request being received once no earlier response is outstanding.
    mutating func sendContinueIfOwed() {
        guard continueOwed, pending.isEmpty else { return }
        continueOwed = false
        outbound.appendInPlace { $0.append(contentsOf: Self.continueBytes) }
        notePeak()
        emit(.flush)
    }

    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // MARK: - Responses

    /// Serializes every response at the front of `pending` that is ready, in order.
    mutating func queueReadyResponses() {
        var queuedAny = false
        while let first = pending.first, first.response != nil || first.isFinal {
            pending.removeFirst()
            configuration.bodyBudget?.release(first.reservedBytes)
            let closeAfter = !first.keepAlive || first.isFinal || (pending.isEmpty && isStopped && (draining || peerFinished))
            if let response = first.response {
                serialize(response, for: first, closeAfter: closeAfter)
                queuedAny = true
            }
            if first.asksUpgrade {
                let switching = !closeAfter && first.response.map { $0.head.status == 101 && !Self.asksToClose($0) } == true
                if finishUpgradeOffer(switching: switching) { return }
            }
            if closeAfter || first.response.flatMap({ Self.asksToClose($0) }) == true {
                reading = .stopped
                dropPending()
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

    var isStopped: Bool {
        if case .stopped = reading { return true }
        return false
    }

    static func asksToClose(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers["connection"] else { return false }
        return HTTPHeaders.equalsIgnoringCase(value, "close")
    }

    /// Writes the head straight into `outbound` (the serializer drops handler-set framing fields
    /// and computes `Content-Length`); the `Connection` field is only touched when it must be.
    mutating func serialize(_ response: HTTPResponse, for request: Pending, closeAfter: Bool) {
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
        if !request.isHead, !bodyless, !response.body.isEmpty {
            outbound.append(response.body)
            // Already built, so it cannot be refused; counting it makes later bodies wait for room.
            configuration.bodyBudget?.reserveUnchecked(response.body.count)
            outboundReserved += response.body.count
        }
        notePeak()
    }

    /// Moves to closing once a draining or stopped connection has nothing left to answer.
    mutating func finishIfDone() {
        guard phase == .open, pending.isEmpty, isStopped, draining || peerFinished else { return }
        if outbound.isEmpty {
            closeNow()
        } else {
            phase = .closingAfterWrite
        }
    }

    mutating func closeNow() {
        guard phase != .closed else { return }
        phase = .closed
        reading = .stopped
        releaseBodyMemory()
        outbound.removeAll()
        emit(.close)
    }
}
