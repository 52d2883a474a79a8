/// Read interest and the one deadline the shell keeps armed.
extension HTTPServerConnectionStateMachine {
    // MARK: - Interest and timers

    mutating func updateReading() {
        let wanted: Bool
        switch phase {
        case .lingering: wanted = true
        case .closed, .upgraded: wanted = false
        case .open, .closingAfterWrite: wanted = mayParse && !peerFinished
        }
        if wanted != readingEnabled {
            readingEnabled = wanted
            if phase != .closed, phase != .upgraded { emit(.setReading(wanted)) }
            if wanted { restartReadClock() }
        }
    }

    /// Reading was suspended by us (backpressure, pipelining depth): the time that took is not
    /// the peer's, so a head or body in progress gets its full timeout again from now.
    mutating func restartReadClock() {
        switch reading {
        case .head: reading = .head(since: lastNow)
        case .body(let head, _):
            reading = .body(head, since: lastNow)
        case .idle, .stopped: break
        }
    }

    /// True while we, not the peer, hold up reading the next request.
    var readingSuspended: Bool {
        pausedForBackpressure || upgradeOffered || pending.count >= configuration.maxPipelinedRequests
    }

    func currentDeadline() -> UInt64? {
        switch phase {
        case .closed, .upgraded: return nil
        case .lingering(let deadline): return deadline
        case .open, .closingAfterWrite: break
        }
        switch reading {
        case .head(let since) where !readingSuspended: return since &+ configuration.headTimeout
        case .body(_, let since) where !readingSuspended: return since &+ configuration.bodyTimeout
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

    mutating func updateTimer() {
        let deadline = currentDeadline()
        guard deadline != armedDeadline, phase != .closed, phase != .upgraded else { return }
        armedDeadline = deadline
        emit(deadline.map { .setTimer($0) } ?? .cancelTimer)
    }
}
