/// The compact binary encoding of `LimitsGossipMessage` (format version 1).
///
/// Layout: `version u8 | type u8 | sender u64le | count varint | items…`. Items:
/// - slice: `planId str | keyId str | period u8 | periodStart zigzag | nUsed varint |
///   (replica u64le, count varint)… | nTransfers varint | (from u64le, to u64le, amount varint)… |
///   hasAdjustment u8 | [version varint, amount zigzag]`
/// - demand: `fingerprint u64le | rate f32le` (finite, ≥ 0)
/// - rights request: `counter key | want varint`
/// - sync request: no items (count 0)
/// Strings are varint-length UTF-8, 1…`maxIdentifierBytes` bytes. `encode` splits a message into
/// payloads of at most `maxPayloadBytes` (default 1,100, leaving room for the gossip frame within
/// a 1,200-byte datagram); a counter with too many entries is split into several partial slices,
/// which is sound because a partial state merges like any delta. `decode` checks every bound and
/// throws `LimitsCodecError`; it never traps.
package enum LimitsGossipCodec {
    package static let version: UInt8 = 1
    package static let defaultMaxPayloadBytes = 1_100
    /// Largest payload `decode` accepts (a UDP datagram's maximum).
    package static let maxDecodableBytes = 65_507
    package static let maxIdentifierBytes = 256
    static let headerBytes = 10

    /// The type byte of each message case.
    enum MessageType: UInt8 {
        case delta = 1, fullState = 2, demand = 3, rightsRequest = 4, rightsGrant = 5, syncRequest = 6
    }

    // MARK: - Encoding

    /// Encodes `message` from `sender` into one or more payloads of at most `maxPayloadBytes`.
    /// An empty message still yields one payload (a valid, empty report).
    package static func encode(_ message: LimitsGossipMessage, sender: ReplicaID,
                               maxPayloadBytes: Int = defaultMaxPayloadBytes) -> [[UInt8]] {
        let (type, items) = encodedItems(message, budget: maxPayloadBytes - headerBytes - 3)
        var payloads: [[UInt8]] = []
        var batch: [[UInt8]] = []
        var batchBytes = 0
        func flush() {
            var writer = WireWriter(capacity: headerBytes + 3 + batchBytes)
            writer.u8(version)
            writer.u8(type.rawValue)
            writer.u64(sender.rawValue)
            writer.varint(UInt64(batch.count))
            for item in batch { writer.append(item) }
            payloads.append(writer.bytes)
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        for item in items {
            if !batch.isEmpty, headerBytes + 3 + batchBytes + item.count > maxPayloadBytes { flush() }
            batch.append(item)
            batchBytes += item.count
        }
        if !batch.isEmpty || payloads.isEmpty { flush() }
        return payloads
    }

    private static func encodedItems(_ message: LimitsGossipMessage, budget: Int) -> (MessageType, [[UInt8]]) {
        switch message {
        case .delta(let slices): return (.delta, slices.flatMap { encode($0, budget: budget) })
        case .fullState(let slices): return (.fullState, slices.flatMap { encode($0, budget: budget) })
        case .rightsGrant(let slices): return (.rightsGrant, slices.flatMap { encode($0, budget: budget) })
        case .syncRequest: return (.syncRequest, [])
        case .demand(let entries):
            return (.demand, entries.map { entry in
                var writer = WireWriter(capacity: 12)
                writer.u64(entry.fingerprint)
                writer.u32(Float(entry.rate).bitPattern)
                return writer.bytes
            })
        case .rightsRequest(let requests):
            return (.rightsRequest, requests.map { request in
                var writer = WireWriter(capacity: 64)
                write(request.key, into: &writer)
                writer.varint(request.want)
                return writer.bytes
            })
        }
    }

    /// One slice as one item, or several partial slices when it exceeds `budget` bytes.
    private static func encode(_ slice: QuotaCounterSlice, budget: Int) -> [[UInt8]] {
        var writer = WireWriter(capacity: 128)
        write(slice.key, into: &writer)
        let used = slice.counter.used.counts.entries.sorted { $0.key < $1.key }
        let cells = slice.counter.transfers.cells.entries.sorted {
            ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to)
        }
        writer.varint(UInt64(used.count))
        for (replica, value) in used {
            writer.u64(replica.rawValue)
            writer.varint(value)
        }
        writer.varint(UInt64(cells.count))
        for (pair, value) in cells {
            writer.u64(pair.from.rawValue)
            writer.u64(pair.to.rawValue)
            writer.varint(value)
        }
        let adjustment = slice.counter.adjustment
        writer.u8(adjustment.isEmpty ? 0 : 1)
        if !adjustment.isEmpty {
            writer.varint(adjustment.version)
            writer.signedVarint(adjustment.amount)
        }
        let entryCount = used.count + cells.count
        guard writer.count > budget, entryCount > 1 else { return [writer.bytes] }
        // Too big for one datagram: halve the entries (the adjustment rides with the first half).
        let half = entryCount / 2
        let first = QuotaCounter(used: GCounter(Dictionary(uniqueKeysWithValues: used.prefix(half).map { ($0.key, $0.value) })),
                                 transfers: TransferMatrix(Dictionary(uniqueKeysWithValues: cells.prefix(max(0, half - used.count)).map { ($0.key, $0.value) })),
                                 adjustment: adjustment)
        let second = QuotaCounter(used: GCounter(Dictionary(uniqueKeysWithValues: used.dropFirst(half).map { ($0.key, $0.value) })),
                                  transfers: TransferMatrix(Dictionary(uniqueKeysWithValues: cells.dropFirst(max(0, half - used.count)).map { ($0.key, $0.value) })))
        return encode(QuotaCounterSlice(key: slice.key, counter: first), budget: budget)
            + encode(QuotaCounterSlice(key: slice.key, counter: second), budget: budget)
    }

    private static func write(_ key: QuotaCounterKey, into writer: inout WireWriter) {
        writer.string(key.planId)
        writer.string(key.keyId)
        writer.u8(key.period.rawValue)
        writer.signedVarint(key.periodStart)
    }

    // MARK: - Stored counters

    /// One counter's whole state as bytes for storage (the control plane's SQLite rows): the
    /// slice encoding of the wire format, never split.
    package static func encodeStored(_ slice: QuotaCounterSlice) -> [UInt8] {
        var writer = WireWriter(capacity: 128)
        writer.u8(version)
        writer.append(encode(slice, budget: .max)[0])
        return writer.bytes
    }

    /// Reads what `encodeStored` wrote; throws on anything else.
    package static func decodeStored(_ bytes: [UInt8]) throws(LimitsCodecError) -> QuotaCounterSlice {
        var reader = WireReader(bytes)
        let version = try reader.u8()
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let slice = try readSlice(&reader)
        try reader.requireEnd()
        return slice
    }

    // MARK: - Decoding

    /// Decodes one payload; throws on any malformed, truncated, oversized or trailing input.
    package static func decode(_ payload: [UInt8]) throws(LimitsCodecError) -> (sender: ReplicaID, message: LimitsGossipMessage) {
        guard payload.count <= maxDecodableBytes else { throw .payloadTooLarge(payload.count) }
        var reader = WireReader(payload)
        let version = try reader.u8()
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let rawType = try reader.u8()
        guard let type = MessageType(rawValue: rawType) else { throw .unknownMessageType(rawType) }
        let sender = ReplicaID(try reader.u64())
        let message: LimitsGossipMessage
        switch type {
        case .delta: message = .delta(try slices(&reader))
        case .fullState: message = .fullState(try slices(&reader))
        case .rightsGrant: message = .rightsGrant(try slices(&reader))
        case .syncRequest:
            let count = try reader.varint()
            guard count == 0 else { throw .countExceedsPayload }
            message = .syncRequest
        case .demand:
            let count = try reader.count(minItemBytes: 12)
            var entries: [DemandEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let fingerprint = try reader.u64()
                let rate = Float(bitPattern: try reader.u32())
                guard rate.isFinite, rate >= 0 else { throw .invalidRate }
                entries.append(DemandEntry(fingerprint: fingerprint, rate: Double(rate)))
            }
            message = .demand(entries)
        case .rightsRequest:
            let count = try reader.count(minItemBytes: 6)
            var requests: [RightsRequest] = []
            requests.reserveCapacity(count)
            for _ in 0..<count {
                let key = try readKey(&reader)
                requests.append(RightsRequest(key: key, want: try reader.varint()))
            }
            message = .rightsRequest(requests)
        }
        try reader.requireEnd()
        return (sender, message)
    }

    private static func slices(_ reader: inout WireReader) throws(LimitsCodecError) -> [QuotaCounterSlice] {
        let count = try reader.count(minItemBytes: 8)
        var result: [QuotaCounterSlice] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try readSlice(&reader)) }
        return result
    }

    private static func readSlice(_ reader: inout WireReader) throws(LimitsCodecError) -> QuotaCounterSlice {
        let key = try readKey(&reader)
        var used: [ReplicaID: UInt64] = [:]
        for _ in 0..<(try reader.count(minItemBytes: 9)) {
            let replica = ReplicaID(try reader.u64())
            let value = try reader.varint()
            guard value > 0 else { throw .zeroEntry }
            used[replica] = max(used[replica] ?? 0, value)
        }
        var cells: [ReplicaPair: UInt64] = [:]
        for _ in 0..<(try reader.count(minItemBytes: 17)) {
            let pair = ReplicaPair(from: ReplicaID(try reader.u64()), to: ReplicaID(try reader.u64()))
            let value = try reader.varint()
            guard value > 0 else { throw .zeroEntry }
            cells[pair] = max(cells[pair] ?? 0, value)
        }
        var adjustment = UsageAdjustment()
        switch try reader.u8() {
        case 0: break
        case 1: adjustment = UsageAdjustment(version: try reader.varint(), amount: try reader.signedVarint())
        case let flag: throw .invalidFlag(flag)
        }
        return QuotaCounterSlice(key: key, counter: QuotaCounter(used: GCounter(used), transfers: TransferMatrix(cells),
                                                                 adjustment: adjustment))
    }

    private static func readKey(_ reader: inout WireReader) throws(LimitsCodecError) -> QuotaCounterKey {
        let planId = try reader.string(maxBytes: maxIdentifierBytes)
        let keyId = try reader.string(maxBytes: maxIdentifierBytes)
        let rawPeriod = try reader.u8()
        guard let period = QuotaPeriod(rawValue: rawPeriod) else { throw .invalidPeriod(rawPeriod) }
        let start = try reader.signedVarint()
        // Bound the start to ±10,000 years so calendar arithmetic cannot overflow, and require alignment.
        guard abs(start) < 315_569_520_000, period.start(containing: start) == start else { throw .misalignedPeriodStart(start) }
        return QuotaCounterKey(planId: planId, keyId: keyId, period: period, periodStart: start)
    }
}
