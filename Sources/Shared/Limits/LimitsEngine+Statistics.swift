/// Escrow figures for the node's metrics (`tollgate_quota_*`), read at scrape time.
extension LimitsEngine {
    /// What this replica holds and waits for across the strict quota counters it knows.
    package struct QuotaStatistics: Equatable, Sendable {
        /// Quota counters in the store (every mode, every period still retained).
        package var counters = 0
        /// Escrow rights this replica holds, summed over strict counters (its own view, exact for
        /// itself: see `QuotaCounter`); 0 before the mint authority is known.
        package var rightsHeld: Int64 = 0
        /// Strict counters this replica has asked rights for and not yet received enough
        /// (the rights "in transit" from the authority or a peer).
        package var countersAwaitingRights = 0
        /// Requests parked until rights arrive.
        package var parkedRequests = 0

        package init() {}
    }

    /// The figures now; `authority` is the mint authority's replica (nil: not known yet). Walks
    /// every counter under the quota lock, so it is for scrapes, never for requests.
    package func quotaStatistics(authority: ReplicaID?) -> QuotaStatistics {
        let me = configuration.replicaID
        return quota.withLock { state in
            var statistics = QuotaStatistics()
            statistics.counters = state.store.count
            statistics.countersAwaitingRights = state.wanted.count
            statistics.parkedRequests = state.waiting.values.reduce(0, +)
            if let authority {
                state.store.forEachCounter { counter in
                    // A fast-mode counter has no transfers; its "rights" formula would read −used.
                    guard !counter.transfers.isEmpty else { return }
                    statistics.rightsHeld += max(0, counter.rights(of: me, authority: authority))
                }
            }
            return statistics
        }
    }
}
