/// Gossip hooks: what to send, and what to do with what arrives.
extension LimitsEngine {
    /// Everything due at `now`: buffered quota deltas (to `deltaFanout` random peers), a page of full
    /// state every anti-entropy interval (to one random peer), this node's demand every demand
    /// interval (to all peers; an empty report too, so peers count this node's demand as zero rather
    /// than unknown; the observer's empty report is its heartbeat) and rights requests for strict counters running low (first to the mint
    /// authority's node once known, then, if still short after `rightsRetryNanos`, to all peers,
    /// backing off exponentially up to 64× that gap while no grant satisfies it).
    /// Also expires old counters and forgets full buckets. Call every ~100 ms from one thread.
    package func makeOutgoing(now: LimitsInstant) -> [LimitsOutgoing] {
        let me = configuration.replicaID
        let maxBytes = configuration.maxPayloadBytes
        var outgoing: [LimitsOutgoing] = []
        func emit(_ message: LimitsGossipMessage, to destination: GossipDestination) {
            for payload in LimitsGossipCodec.encode(message, sender: me, maxPayloadBytes: maxBytes) {
                outgoing.append(LimitsOutgoing(destination: destination, payload: payload))
            }
        }
        let nanos = now.monotonicNanos
        throttle.withLock { $0.sweepIfDue(now: nanos) }

        let (deltas, page, requests, sendDemand) = quota.withLock { state in
            state.store.expire(epochSeconds: now.epochSeconds)
            let deltas = state.store.takeDeltas()
            var page: [QuotaCounterSlice] = []
            if Self.due(state.lastAntiEntropyNanos, interval: configuration.antiEntropyIntervalNanos, now: nanos) {
                state.lastAntiEntropyNanos = nanos
                let result = state.store.fullStatePage(after: state.antiEntropyCursor, limit: configuration.antiEntropyPageSize)
                page = result.slices
                state.antiEntropyCursor = result.next
            }
            let requests = dueRightsRequests(&state, now: now)
            let sendDemand = Self.due(state.lastDemandNanos, interval: configuration.demandIntervalNanos, now: nanos)
            if sendDemand { state.lastDemandNanos = nanos }
            return (deltas, page, requests, sendDemand)
        }
        if !deltas.isEmpty { emit(.delta(deltas), to: .randomPeers(configuration.deltaFanout)) }
        if !page.isEmpty { emit(.fullState(page), to: .randomPeers(1)) }
        outgoing += rightsRequestPayloads(requests)
        if sendDemand, configuration.isObserver {
            // The observer serves no traffic: an empty report is its heartbeat, so peers know it is there.
            emit(.demand([]), to: .allPeers)
        } else if sendDemand {
            let report = throttle.withLock { $0.reportDemand(now: nanos) }
            emit(.demand(report), to: .allPeers)
        }
        return outgoing
    }

    /// What cannot wait for the next tick, to be sent at once: deltas of fast-mode counters close to
    /// their limit (see `LimitsEngineConfiguration.urgentFraction`), to every peer, and rights
    /// requests for strict counters that just ran low. Empty when nothing is urgent (no lock taken).
    /// The gossip layer calls this when the engine's urgent handler wakes it, and after every tick
    /// and datagram.
    package func takeUrgentOutgoing(now: LimitsInstant) -> [LimitsOutgoing] {
        guard urgent.exchange(false, ordering: .acquiringAndReleasing) else { return [] }
        let (deltas, requests) = quota.withLock { state in (state.store.takeDeltas(), dueRightsRequests(&state, now: now)) }
        var outgoing = rightsRequestPayloads(requests)
        guard !deltas.isEmpty else { return outgoing }
        outgoing += LimitsGossipCodec.encode(.delta(deltas), sender: configuration.replicaID, maxPayloadBytes: configuration.maxPayloadBytes)
            .map { LimitsOutgoing(destination: .allPeers, payload: $0) }
        return outgoing
    }

    /// Rights requests due now: the first ask for a counter goes to the authority's node (once
    /// known), later ones to every peer.
    struct DueRights {
        var toAuthority: [RightsRequest] = []
        var authorityNode: NodeID?
        var toAll: [RightsRequest] = []
    }

    /// Collects the rights requests due at `now`, backing off exponentially (1×, 2×, 4× … 64× the
    /// retry gap) while nobody grants (rights may be stranded).
    private func dueRightsRequests(_ state: inout QuotaState, now: LimitsInstant) -> DueRights {
        var due = DueRights(authorityNode: state.authorityNode)
        for (key, ask) in state.wanted.sorted(by: { $0.key < $1.key }) {
            guard let want = currentWant(key, state: state, epochSeconds: now.epochSeconds) else {
                state.wanted[key] = nil
                continue
            }
            // Parked requests cannot wait out a backoff: while there are any, ask every retry gap.
            let backoff = state.waiting[key] == nil ? UInt64(min(max(0, ask.attempts - 1), 6)) : 0
            let gap = configuration.rightsRetryNanos << backoff
            guard Self.due(ask.lastNanos, interval: gap, now: now.monotonicNanos) else { continue }
            state.wanted[key] = RightsAsk(lastNanos: now.monotonicNanos, attempts: ask.attempts + 1)
            let request = RightsRequest(key: key, want: want)
            if ask.attempts == 0, state.authorityNode != nil { due.toAuthority.append(request) } else { due.toAll.append(request) }
        }
        return due
    }

    private func rightsRequestPayloads(_ due: DueRights) -> [LimitsOutgoing] {
        var outgoing: [LimitsOutgoing] = []
        func emit(_ requests: [RightsRequest], to destination: GossipDestination) {
            for payload in LimitsGossipCodec.encode(.rightsRequest(requests), sender: configuration.replicaID,
                                                    maxPayloadBytes: configuration.maxPayloadBytes) {
                outgoing.append(LimitsOutgoing(destination: destination, payload: payload))
            }
        }
        if let authority = due.authorityNode, !due.toAuthority.isEmpty { emit(due.toAuthority, to: .node(authority)) }
        if !due.toAll.isEmpty { emit(due.toAll, to: .allPeers) }
        return outgoing
    }

    /// Applies one payload that the gossip layer authenticated as coming from `node`. Returns
    /// immediate answers (rights grants to the requester). Throws when the payload is malformed;
    /// the gossip layer drops and counts it.
    @discardableResult
    package func receive(_ payload: [UInt8], from node: NodeID, now: LimitsInstant) throws(LimitsCodecError) -> [LimitsOutgoing] {
        let (sender, message) = try LimitsGossipCodec.decode(payload)
        if sender == configuration.mintAuthority, sender != configuration.replicaID {
            quota.withLock { $0.authorityNode = node }
        }
        switch message {
        case .delta(let slices), .fullState(let slices), .rightsGrant(let slices):
            let touchedWaiters = quota.withLock { state -> Bool in
                var touched = false
                for slice in slices where state.store.merge(slice.key, slice.counter, epochSeconds: now.epochSeconds) {
                    touched = touched || state.waiting[slice.key] != nil
                }
                return touched
            }
            // Rights may have arrived, or the quota run out: parked requests try again.
            if touchedWaiters { quotaChangeHandler.withLock { $0 }?() }
            return []
        case .demand(let entries):
            throttle.withLock { table in
                table.receiveDemand(from: node, entries: entries, now: now.monotonicNanos)
            }
            return []
        case .syncRequest:
            guard sender != configuration.replicaID else { return [] }
            let due = quota.withLock { state -> Bool in
                guard Self.due(state.lastSyncServed[node], interval: configuration.syncReplyIntervalNanos, now: now.monotonicNanos)
                else { return false }
                state.lastSyncServed[node] = now.monotonicNanos
                return true
            }
            return due ? fullState(to: node) : []
        case .rightsRequest(let requests):
            guard sender != configuration.replicaID else { return [] }
            let authoritative = configuration.replicaID == configuration.mintAuthority
            let grants = quota.withLock { state in
                requests.compactMap { request -> QuotaCounterSlice? in
                    if let granted = grant(request, to: sender, state: &state, now: now) { return granted }
                    // The authority that cannot grant answers with what it knows of the counter (the
                    // period's count): a requester whose quota is used up learns it now, and its
                    // waiting requests get Limit Exceeded instead of waiting out their bound.
                    guard authoritative, state.store.contains(request.key) else { return nil }
                    return QuotaCounterSlice(key: request.key, counter: state.store.counter(request.key))
                }
            }
            guard !grants.isEmpty else { return [] }
            return LimitsGossipCodec.encode(.rightsGrant(grants), sender: configuration.replicaID,
                                            maxPayloadBytes: configuration.maxPayloadBytes)
                .map { LimitsOutgoing(destination: .node(node), payload: $0) }
        }
    }

    /// What to send a peer that just appeared (this node started, or the peer is back after a
    /// silence): this replica's full state, then a request for the peer's. Both sides doing this
    /// on reconnection exchange everything in one round trip instead of waiting for anti-entropy.
    package func syncMessages(to node: NodeID) -> [LimitsOutgoing] {
        fullState(to: node) + LimitsGossipCodec.encode(.syncRequest, sender: configuration.replicaID)
            .map { LimitsOutgoing(destination: .node(node), payload: $0) }
    }

    /// Up to `maxSyncCounters` full counters as payloads for `node`.
    private func fullState(to node: NodeID) -> [LimitsOutgoing] {
        let slices = quota.withLock { $0.store.fullStatePage(after: nil, limit: configuration.maxSyncCounters).slices }
        guard !slices.isEmpty else { return [] }
        return LimitsGossipCodec.encode(.fullState(slices), sender: configuration.replicaID, maxPayloadBytes: configuration.maxPayloadBytes)
            .map { LimitsOutgoing(destination: .node(node), payload: $0) }
    }

    // MARK: - Escrow helpers

    /// Rights this replica should still ask for on `key`, or nil when it holds enough, the quota
    /// is exhausted, the counter expired, or the rule is unknown.
    private func currentWant(_ key: QuotaCounterKey, state: QuotaState, epochSeconds: Int64) -> UInt64? {
        guard !state.store.isExpired(key, epochSeconds: epochSeconds),
              let rule = state.rules[QuotaSubject(planId: key.planId, keyId: key.keyId)],
              rule.strict, rule.policy.period == key.period else { return nil }
        let counter = state.store.counter(key)
        let limit = counter.effectiveLimit(base: rule.policy.baseLimit(periodStart: key.periodStart))
        let used = counter.value
        guard used < UInt64(limit) else { return nil }
        let chunk = configuration.escrow.chunk(remaining: limit - Int(clamping: used), members: state.memberCount)
        let rights = counter.rights(of: configuration.replicaID, authority: configuration.mintAuthority)
        let want = configuration.escrow.want(holding: rights, chunk: chunk)
        // At least one right per parked request beyond those already held.
        guard let waiters = state.waiting[key] else { return want }
        let held = UInt64(max(0, rights))
        let need = max(want ?? 0, UInt64(waiters) > held ? UInt64(waiters) - held : 0)
        return need > 0 ? need : nil
    }

    /// Answers one rights request from `requester`: the transfer delta to send back, if any.
    private func grant(_ request: RightsRequest, to requester: ReplicaID, state: inout QuotaState,
                       now: LimitsInstant) -> QuotaCounterSlice? {
        let key = request.key, me = configuration.replicaID, authority = configuration.mintAuthority
        guard request.want > 0, !state.store.isExpired(key, epochSeconds: now.epochSeconds) else { return nil }
        if me == authority {
            guard let rule = state.rules[QuotaSubject(planId: key.planId, keyId: key.keyId)],
                  rule.strict, rule.policy.period == key.period else { return nil }
            let limit = state.store.counter(key).effectiveLimit(base: rule.policy.baseLimit(periodStart: key.periodStart))
            state.store.update(key) { $0.mint(upTo: UInt64(limit), authority: me) }
        }
        guard state.store.contains(key) else { return nil }
        let rights = state.store.counter(key).rights(of: me, authority: authority)
        let active = state.store.lastLocalUse(key).map {
            now.monotonicNanos >= $0 && now.monotonicNanos - $0 < configuration.escrow.activeWindowNanos
        } ?? false
        // A donor with requests of its own parked on the counter needs every right it gets.
        let grantable = state.waiting[key] == nil ? configuration.escrow.grantable(holding: rights, active: active) : 0
        let amount = min(request.want, grantable)
        guard amount > 0,
              let delta = state.store.update(key, { $0.transfer(amount, from: me, to: requester, authority: authority) })
        else { return nil }
        return QuotaCounterSlice(key: key, counter: delta)
    }

    static func due(_ last: UInt64?, interval: UInt64, now: UInt64) -> Bool {
        guard let last else { return true }
        return now < last || now - last >= interval
    }
}
