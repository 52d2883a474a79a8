import Shared

/// Decides what a node's snapshot poller does next: when to poll, what to ask for, what to report,
/// and what to do with the answer. Pure: time comes in as monotonic nanoseconds and randomness from
/// the caller's generator, so tests drive it without sockets or sleeps.
///
/// Rules:
/// - **Long-poll**: every poll asks the control plane to hold it up to `timing.wait` until the
///   revision moves past `after`.
/// - **Pacing**: polls start at least `timing.minimumSpacing` apart, stretched by up to
///   `timing.spacingJitter` of it at random, so a control plane that answers at once (or a storm of
///   changes) cannot make the node spin, and a fleet woken together does not come back together.
///   A poll that starts after a long hold is not delayed at all.
/// - **Backoff**: after `n` consecutive failures the next poll waits `min(cap, base·2ⁿ⁻¹)`, of
///   which a random half ("equal jitter"); the first success resets it.
/// - **Any new body is applied**, whatever its revision: a control plane restored from an older
///   database answers with a lower revision, and the node starts over from it instead of ignoring it.
/// - **Epochs**: `after` is a revision *of an epoch* (the control-plane database it came from) and
///   always travels with it, so a control plane on another database — replaced, or restored from a
///   backup — sees a different epoch and sends a full snapshot even when the counters are equal.
///   The epoch of a snapshot loaded from the disk cache is used the same way.
/// - **Size**: every poll states `maximumSnapshotBytes`; a snapshot over it is refused like one
///   that does not compile (reported with `error`, old snapshot keeps serving).
/// - **Reporting**: every poll carries `applied` (the revision served) and, while the last snapshot
///   received was refused, `error`. A refused snapshot moves `after` to its revision, so the control
///   plane parks the node until something newer exists instead of sending the same bad body again.
package struct SnapshotPollStateMachine: Sendable {
    /// Poll timing. Defaults: hold 30 s, spacing 50 ms (+ up to 50 %), backoff 100 ms doubling to 2 s.
    package struct Timing: Sendable, Equatable {
        package var wait: Duration
        package var minimumSpacing: Duration
        /// Fraction of `minimumSpacing` added at random (0 = none).
        package var spacingJitter: Double
        package var backoffBase: Duration
        package var backoffCap: Duration

        package init(wait: Duration = .seconds(30), minimumSpacing: Duration = .milliseconds(50), spacingJitter: Double = 0.5,
                     backoffBase: Duration = .milliseconds(100), backoffCap: Duration = .seconds(2)) {
            self.wait = wait
            self.minimumSpacing = minimumSpacing
            self.spacingJitter = max(0, spacingJitter)
            self.backoffBase = backoffBase
            self.backoffCap = max(backoffCap, backoffBase)
        }
    }

    /// What a poll got back.
    package enum Answer: Sendable, Equatable {
        /// 304: nothing newer within the wait.
        case notModified
        /// 200: a snapshot body, with the revision and epoch its `X-Tollgate-Revision` and
        /// `X-Tollgate-Epoch` headers name (if any).
        case snapshot([UInt8], revision: Int64?, epoch: String? = nil)
        /// The control plane has a snapshot the node does not take before reading it (over
        /// `maximumSnapshotBytes`): why, and its revision and epoch when the answer named them.
        case refused(String, revision: Int64?, epoch: String? = nil)
        /// No usable answer (unreachable, timed out, refused credentials, 5xx…), for logs.
        case failed(String)
    }

    /// What the driver must do after an answer.
    package enum Action: Sendable, Equatable {
        /// Decode, compile and install this body, then report with `applied` or `rejected`.
        case apply([UInt8], revision: Int64?, epoch: String? = nil)
        /// Nothing to apply; poll again after `delayBeforeNextPoll`.
        case pollAgain
    }

    package let timing: Timing
    package let nodeId: String
    package let gossipAddress: String?
    /// The largest snapshot body the node takes (bytes), stated on every poll; nil: none stated.
    package let maximumSnapshotBytes: Int?
    /// The revision asked for with `after` (the last one received, applied or refused).
    package private(set) var after: Int64?
    /// The epoch `after` belongs to (nil: a snapshot from before epochs, or none yet).
    package private(set) var epoch: String?
    /// The revision being served.
    package private(set) var applied: Int64?
    /// Why the last snapshot received was refused; nil once one applies.
    package private(set) var lastError: String?
    package private(set) var consecutiveFailures = 0
    private var lastStart: UInt64?

    /// `serving` is the revision already loaded (from the disk cache), if any, and `servingEpoch`
    /// the epoch that snapshot carries.
    package init(timing: Timing = Timing(), nodeId: String, gossipAddress: String? = nil, serving: Int64? = nil,
                 servingEpoch: String? = nil, maximumSnapshotBytes: Int? = nil) {
        self.timing = timing
        self.nodeId = nodeId
        self.gossipAddress = gossipAddress
        self.maximumSnapshotBytes = maximumSnapshotBytes
        after = serving
        epoch = serving == nil ? nil : servingEpoch
        applied = serving
    }

    /// How long to wait before the next poll, given the time `now` (monotonic nanoseconds).
    package func delayBeforeNextPoll(now: UInt64, using random: inout some RandomNumberGenerator) -> Duration {
        if consecutiveFailures > 0 {
            let exponent = min(consecutiveFailures - 1, 30)
            let full = min(timing.backoffCap, timing.backoffBase * (1 << exponent))
            return full / 2 + full / 2 * Double.random(in: 0...1, using: &random)
        }
        guard let lastStart else { return .zero }
        let spacing = timing.minimumSpacing * (1 + timing.spacingJitter * Double.random(in: 0...1, using: &random))
        let earliest = lastStart &+ spacing.nanoseconds
        return earliest > now ? .nanoseconds(Int64(earliest - now)) : .zero
    }

    /// Records that a poll starts at `now` and returns what it asks for.
    package mutating func pollStarting(now: UInt64) -> SnapshotPollRequest {
        lastStart = now
        return SnapshotPollRequest(after: after, epoch: epoch, waitSeconds: Int(timing.wait.components.seconds), nodeId: nodeId,
                                   applied: applied, error: lastError, gossipAddress: gossipAddress,
                                   maximumSnapshotBytes: maximumSnapshotBytes)
    }

    /// Feeds the poll's answer; `.apply` must be followed by `applied(revision:)` or `rejected(…)`.
    package mutating func received(_ answer: Answer) -> Action {
        switch answer {
        case .notModified:
            consecutiveFailures = 0
            return .pollAgain
        case .snapshot(let body, let revision, let epoch):
            consecutiveFailures = 0
            return .apply(body, revision: revision, epoch: epoch)
        case .refused(let reason, let revision, let epoch):
            consecutiveFailures = 0
            rejected(revision: revision, epoch: epoch, reason: reason)
            return .pollAgain
        case .failed:
            consecutiveFailures += 1
            return .pollAgain
        }
    }

    /// The body decoded, compiled and is now served (or was identical to what is served); `epoch`
    /// is the one it carries.
    package mutating func applied(revision: Int64, epoch: String?) {
        after = revision
        self.epoch = epoch
        applied = revision
        lastError = nil
    }

    /// The body was refused; the old snapshot keeps serving. With a known revision (and its epoch)
    /// the next poll waits for a newer one; without one, the refusal counts as a failure and backs off.
    package mutating func rejected(revision: Int64?, epoch: String?, reason: String) {
        lastError = reason
        if let revision {
            after = revision
            self.epoch = epoch
        } else {
            consecutiveFailures += 1
        }
    }
}

