import Testing
@testable import Shared

@Suite struct LimitsGossipCodecTests {
    private let sender = ReplicaID(0xdead_beef_0102_0304)
    private let day = QuotaCounterKey(planId: "plan1", keyId: "key1", period: .day, periodStart: 1_709_164_800)
    private let week = QuotaCounterKey(planId: "pläne", keyId: "k", period: .week, periodStart: -345_600)

    private var richCounter: QuotaCounter {
        QuotaCounter(used: GCounter([ReplicaID(1): 5, ReplicaID(.max): .max]),
                     transfers: TransferMatrix([ReplicaPair(from: ReplicaID(9), to: ReplicaID(9)): 1_000,
                                                ReplicaPair(from: ReplicaID(9), to: ReplicaID(1)): 300]),
                     adjustment: UsageAdjustment(version: 1_700_000_000_000, amount: -250))
    }

    private func roundTrip(_ message: LimitsGossipMessage) throws -> LimitsGossipMessage {
        let payloads = LimitsGossipCodec.encode(message, sender: sender)
        #expect(payloads.count == 1)
        let decoded = try LimitsGossipCodec.decode(payloads[0])
        #expect(decoded.sender == sender)
        return decoded.message
    }

    @Test func everyMessageTypeRoundTrips() throws {
        let slices = [QuotaCounterSlice(key: day, counter: richCounter), QuotaCounterSlice(key: week, counter: QuotaCounter())]
        for message in [LimitsGossipMessage.delta(slices), .fullState(slices), .rightsGrant(slices), .delta([]),
                        .rightsRequest([RightsRequest(key: day, want: 17), RightsRequest(key: week, want: 0)]),
                        .demand([DemandEntry(fingerprint: 1, rate: 0), DemandEntry(fingerprint: .max, rate: 210.5)]), .syncRequest] {
            #expect(try roundTrip(message) == message)
        }
    }

    @Test func storedCountersRoundTripWholeAndRejectGarbage() throws {
        var used: [ReplicaID: UInt64] = [:]
        for replica in 0..<500 { used[ReplicaID(UInt64(replica))] = UInt64(replica + 1) }
        let big = QuotaCounterSlice(key: day, counter: QuotaCounter(used: GCounter(used), transfers: richCounter.transfers,
                                                                    adjustment: richCounter.adjustment))
        let bytes = LimitsGossipCodec.encodeStored(big)
        #expect(bytes.count > LimitsGossipCodec.defaultMaxPayloadBytes)
        #expect(try LimitsGossipCodec.decodeStored(bytes) == big)
        #expect(throws: LimitsCodecError.self) { try LimitsGossipCodec.decodeStored(bytes + [0]) }
        #expect(throws: LimitsCodecError.self) { try LimitsGossipCodec.decodeStored(Array(bytes.dropLast())) }
    }

    @Test func largeMessagesSplitIntoBoundedPayloadsThatMergeBack() throws {
        var rng = SeededGenerator(seed: 5)
        var slices: [QuotaCounterSlice] = []
        for index in 0..<120 {
            var used: [ReplicaID: UInt64] = [:]
            for _ in 0..<Int.random(in: 1...6, using: &rng) { used[ReplicaID(rng.next())] = UInt64.random(in: 1...100_000, using: &rng) }
            let key = QuotaCounterKey(planId: "plan-\(index % 7)", keyId: "key-\(index)", period: .day, periodStart: 86_400 * Int64(index))
            slices.append(QuotaCounterSlice(key: key, counter: QuotaCounter(used: GCounter(used))))
        }
        // One counter with far more entries than a datagram holds.
        var many: [ReplicaPair: UInt64] = [:]
        for index in 0..<400 { many[ReplicaPair(from: ReplicaID(UInt64(index)), to: ReplicaID(7))] = UInt64(index + 1) }
        slices.append(QuotaCounterSlice(key: day, counter: QuotaCounter(used: GCounter([ReplicaID(3): 4]), transfers: TransferMatrix(many),
                                                                         adjustment: UsageAdjustment(version: 2, amount: 9))))
        let payloads = LimitsGossipCodec.encode(.delta(slices), sender: sender)
        #expect(payloads.count > 10)
        #expect(payloads.allSatisfy { $0.count <= LimitsGossipCodec.defaultMaxPayloadBytes })
        var rebuilt: [QuotaCounterKey: QuotaCounter] = [:]
        for payload in payloads {
            guard case .delta(let parts) = try LimitsGossipCodec.decode(payload).message else {
                Issue.record("wrong message type")
                continue
            }
            for part in parts { rebuilt[part.key, default: QuotaCounter()].merge(part.counter) }
        }
        for slice in slices { #expect(rebuilt[slice.key] == slice.counter) }
    }

    @Test func demandReportsSplitToo() throws {
        let entries = (0..<500).map { DemandEntry(fingerprint: UInt64($0), rate: Double($0)) }
        let payloads = LimitsGossipCodec.encode(.demand(entries), sender: sender, maxPayloadBytes: 600)
        #expect(payloads.allSatisfy { $0.count <= 600 })
        var decoded: [DemandEntry] = []
        for payload in payloads {
            if case .demand(let part) = try LimitsGossipCodec.decode(payload).message { decoded += part }
        }
        #expect(decoded == entries)
    }

    // MARK: - Malformed input

    private func header(type: UInt8) -> [UInt8] {
        var writer = WireWriter()
        writer.u8(1)
        writer.u8(type)
        writer.u64(1)
        return writer.bytes
    }

    private func sliceBytes(planId: [UInt8] = Array("p".utf8), period: UInt8 = 1, start: Int64 = 0,
                            used: [(UInt64, UInt64)] = [], flag: UInt8 = 0) -> [UInt8] {
        var writer = WireWriter()
        writer.varint(1)
        writer.varint(UInt64(planId.count))
        writer.append(planId)
        writer.string("k")
        writer.u8(period)
        writer.signedVarint(start)
        writer.varint(UInt64(used.count))
        for (replica, value) in used {
            writer.u64(replica)
            writer.varint(value)
        }
        writer.varint(0)
        writer.u8(flag)
        return writer.bytes
    }

    @Test func malformedPayloadsAreRejectedWithTypedErrors() {
        let demandHeader = header(type: 3)
        var nan = WireWriter()
        nan.varint(1)
        nan.u64(1)
        nan.u32(Float.nan.bitPattern)
        var negative = WireWriter()
        negative.varint(1)
        negative.u64(1)
        negative.u32(Float(-1).bitPattern)
        let cases: [([UInt8], LimitsCodecError)] = [
            ([], .truncated),
            ([2, 1] + [UInt8](repeating: 0, count: 9), .unsupportedVersion(2)),
            (header(type: 9) + [0], .unknownMessageType(9)),
            (header(type: 1) + [0, 0], .trailingBytes(1)),
            (header(type: 1) + [UInt8](repeating: 0xff, count: 10) + [1], .varintOverflow),
            (header(type: 1) + [0x80, 0x80, 0x04], .countExceedsPayload),
            (header(type: 1) + sliceBytes(planId: [UInt8](repeating: 0x61, count: 300)), .stringTooLong(300)),
            (header(type: 1) + sliceBytes(planId: [0xff, 0xfe]), .invalidUTF8),
            (header(type: 1) + sliceBytes(planId: []), .emptyIdentifier),
            (header(type: 1) + sliceBytes(period: 4), .invalidPeriod(4)),
            (header(type: 1) + sliceBytes(start: 3_600), .misalignedPeriodStart(3_600)),
            (header(type: 1) + sliceBytes(used: [(5, 0)]), .zeroEntry),
            (header(type: 1) + sliceBytes(flag: 2), .invalidFlag(2)),
            (demandHeader + nan.bytes, .invalidRate),
            (demandHeader + negative.bytes, .invalidRate),
            ([UInt8](repeating: 1, count: 70_000), .payloadTooLarge(70_000)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected) { try LimitsGossipCodec.decode(bytes) }
        }
    }

    @Test func everyTruncationOfAValidPayloadIsRejected() throws {
        let message = LimitsGossipMessage.delta([QuotaCounterSlice(key: day, counter: richCounter)])
        let payload = LimitsGossipCodec.encode(message, sender: sender)[0]
        for length in 0..<payload.count {
            #expect(throws: LimitsCodecError.self) { try LimitsGossipCodec.decode(Array(payload.prefix(length))) }
        }
    }

    @Test func randomCorruptionNeverTraps() {
        var rng = SeededGenerator(seed: 6)
        let valid = LimitsGossipCodec.encode(.fullState([QuotaCounterSlice(key: week, counter: richCounter)]), sender: sender)[0]
        var decoded = 0, rejected = 0
        for _ in 0..<20_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
            do {
                _ = try LimitsGossipCodec.decode(bytes)
                decoded += 1
            } catch {
                rejected += 1
            }
        }
        // Reaching here means no input trapped; both outcomes occur (flips inside values decode).
        #expect(decoded > 0 && rejected > 0)
        #expect(decoded + rejected == 20_000)
    }
}
