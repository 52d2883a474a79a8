import Testing
@testable import Shared

@Suite struct GossipDatagramTests {
    let key = GossipKey(clusterSecret: "cluster-secret")
    let datagram = GossipDatagram(senderID: "node-a", recipientID: "node-b", sequence: 0x0102_0304_0506_0708,
                                  timestampMillis: 1_767_225_600_123, payload: Array("delta".utf8))

    func decode(_ frame: [UInt8], key: GossipKey? = nil, max: Int = 65_507) -> Result<GossipDatagram, GossipDropReason> {
        GossipDatagram.decode(frame, key: key ?? self.key, maxFrameBytes: max)
    }

    @Test func roundTripsThroughTheWireFormat() {
        #expect(decode(datagram.encode(key: key)) == .success(datagram))
        let broadcast = GossipDatagram(senderID: "n", sequence: 1, timestampMillis: 0, payload: [])
        let frame = broadcast.encode(key: key)
        #expect(frame.count == GossipDatagram.minimumFrameBytes)
        #expect(decode(frame) == .success(broadcast))
    }

    @Test func layoutIsVersionIdsSequenceTimestampLengthPayloadThenMAC() {
        let frame = datagram.encode(key: key)
        var expected: [UInt8] = [1, 6] + Array("node-a".utf8) + [6] + Array("node-b".utf8)
        expected += [1, 2, 3, 4, 5, 6, 7, 8]
        expected += [0x00, 0x00, 0x01, 0x9B, 0x76, 0xDA, 0xA8, 0x7B]   // 1767225600123 big-endian
        expected += [0, 0, 0, 5] + Array("delta".utf8)
        #expect(Array(frame.dropLast(32)) == expected)
        // The MAC is HMAC-SHA256 under the derived key (not the raw secret) over everything before it.
        let derived = Digest.hmacSHA256(key: "cluster-secret".utf8, message: "tollgate/gossip/v1".utf8)
        #expect(Array(frame.suffix(32)) == Digest.hmacSHA256(key: derived, message: expected))
    }

    @Test func forgedWithAnotherKeyIsRejected() {
        let forged = datagram.encode(key: GossipKey(clusterSecret: "guessed-secret"))
        #expect(decode(forged) == .failure(.badMAC))
    }

    @Test func everySingleAlteredByteIsRejected() {
        let frame = datagram.encode(key: key)
        for index in frame.indices {
            var altered = frame
            altered[index] ^= 0x20
            guard case .failure(let reason) = decode(altered) else {
                Issue.record("altered byte \(index) was accepted")
                continue
            }
            // The version byte and the length fields fail structurally; everything else fails the MAC.
            switch index {
            case 0: #expect(reason == .unsupportedVersion)
            case 1, 8: #expect(reason == .truncated || reason == .malformed)
            case 31...34: #expect(reason == .truncated || reason == .malformed, "payload length at \(index)")
            default: #expect(reason == .badMAC, "byte \(index)")
            }
        }
    }

    @Test func everyTruncationIsRejected() {
        let frame = datagram.encode(key: key)
        for length in 0..<frame.count {
            let result = decode(Array(frame.prefix(length)))
            #expect(result == .failure(.truncated) || result == .failure(.badMAC) || result == .failure(.malformed),
                    "prefix of \(length) bytes")
            #expect((try? result.get()) == nil)
        }
        #expect(decode([]) == .failure(.truncated))
    }

    @Test func trailingBytesAreMalformed() {
        #expect(decode(datagram.encode(key: key) + [0]) == .failure(.malformed))
    }

    @Test func oversizedFramesAreRejectedBeforeParsing() {
        let big = GossipDatagram(senderID: "a", sequence: 1, timestampMillis: 0, payload: Array(repeating: 7, count: 2_000))
        let frame = big.encode(key: key)
        #expect(decode(frame, max: frame.count) == .success(big))
        #expect(decode(frame, max: frame.count - 1) == .failure(.oversized))
    }

    @Test func unknownVersionIsRejected() {
        var frame = datagram.encode(key: key)
        frame[0] = 2
        #expect(decode(frame) == .failure(.unsupportedVersion))
    }

    @Test func authenticEmptySenderOrInvalidUTF8IsRejected() {
        // Build frames by hand with a valid MAC to reach the checks behind it.
        func sealed(_ body: [UInt8]) -> [UInt8] { body + Digest.hmacSHA256(key: key.bytes, message: body) }
        let tail: [UInt8] = [0] + Array(repeating: 0, count: 16) + [0, 0, 0, 0]
        #expect(decode(sealed([1, 0] + tail)) == .failure(.malformed))
        #expect(decode(sealed([1, 2, 0xC3, 0x28] + tail)) == .failure(.badSender))
    }

    @Test func keyDescriptionHidesTheSecret() {
        #expect(!String(describing: key).contains("cluster-secret"))
    }
}
