/// One gossip message and its authenticated wire form.
///
/// Frame (all integers big-endian):
/// ```
/// version        u8      1
/// senderLength   u8      1…255
/// sender         bytes   node id, UTF-8
/// recipientLength u8     0…255 (0: any node)
/// recipient      bytes   node id, UTF-8
/// sequence       u64     per-sender, strictly increasing
/// timestamp      i64     sender's clock, Unix epoch milliseconds
/// payloadLength  u32
/// payload        bytes
/// mac            32 B    HMAC-SHA256 under the GossipKey of every preceding byte
/// ```
/// `encode` and `decode` are pure: no clock and no replay state (that is `GossipAuthenticator`'s job).
package struct GossipDatagram: Sendable, Equatable {
    /// The frame format this build writes and reads.
    package static let version: UInt8 = 1
    /// Bytes of a frame around an empty payload with one-byte ids, the smallest valid frame.
    package static let minimumFrameBytes = 1 + 1 + 1 + 1 + 8 + 8 + 4 + macBytes
    static let macBytes = Digest.sha256ByteCount

    package var senderID: String
    /// The node the datagram is for; nil for any node.
    package var recipientID: String?
    package var sequence: UInt64
    package var timestampMillis: Int64
    package var payload: [UInt8]

    package init(senderID: String, recipientID: String? = nil, sequence: UInt64, timestampMillis: Int64, payload: [UInt8]) {
        self.senderID = senderID
        self.recipientID = recipientID
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.payload = payload
    }

    // MARK: - Encoding

    /// The authenticated frame. Node ids must be 1…255 UTF-8 bytes (recipient: 0…255).
    package func encode(key: GossipKey) -> [UInt8] {
        let sender = Array(senderID.utf8), recipient = Array((recipientID ?? "").utf8)
        precondition((1...255).contains(sender.count), "GossipDatagram: sender id must be 1…255 bytes")
        precondition(recipient.count <= 255, "GossipDatagram: recipient id must be at most 255 bytes")
        precondition(payload.count <= Int(UInt32.max), "GossipDatagram: payload too large")

        var frame = [UInt8]()
        frame.reserveCapacity(Self.minimumFrameBytes + sender.count + recipient.count + payload.count)
        frame.append(Self.version)
        frame.append(UInt8(sender.count))
        frame.append(contentsOf: sender)
        frame.append(UInt8(recipient.count))
        frame.append(contentsOf: recipient)
        Self.append(sequence, to: &frame)
        Self.append(UInt64(bitPattern: timestampMillis), to: &frame)
        Self.append(UInt32(payload.count), to: &frame)
        frame.append(contentsOf: payload)
        frame.append(contentsOf: Digest.hmacSHA256(key: key.bytes, message: frame))
        return frame
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to frame: inout [UInt8]) {
        var bigEndian = value.bigEndian
        withUnsafeBytes(of: &bigEndian) { frame.append(contentsOf: $0) }
    }

    // MARK: - Decoding

    /// Parses and authenticates `frame`. Checks, in order: size limit, version, field lengths,
    /// HMAC (constant time), then the ids' encoding. The MAC is checked before any field is
    /// trusted, so a datagram is either authentic and well-formed or dropped with one reason.
    package static func decode(_ frame: some Collection<UInt8>, key: GossipKey,
                               maxFrameBytes: Int) -> Result<GossipDatagram, GossipDropReason> {
        guard frame.count <= maxFrameBytes else { return .failure(.oversized) }
        let bytes = Array(frame)
        guard let first = bytes.first else { return .failure(.truncated) }
        guard first == version else { return .failure(.unsupportedVersion) }

        var reader = Reader(bytes: bytes, offset: 1)
        guard let senderLength = reader.byte(), let sender = reader.take(Int(senderLength)),
              let recipientLength = reader.byte(), let recipient = reader.take(Int(recipientLength)),
              let sequence = reader.integer(UInt64.self), let timestamp = reader.integer(UInt64.self),
              let payloadLength = reader.integer(UInt32.self)
        else { return .failure(.truncated) }

        let macOffset = reader.offset + Int(payloadLength)
        guard bytes.count >= macOffset + macBytes else { return .failure(.truncated) }
        guard bytes.count == macOffset + macBytes else { return .failure(.malformed) }

        let expected = Digest.hmacSHA256(key: key.bytes, message: bytes[..<macOffset])
        guard ConstantTime.equals(expected, bytes[macOffset...]) else { return .failure(.badMAC) }

        guard !sender.isEmpty else { return .failure(.malformed) }
        guard let senderID = String(validating: sender, as: UTF8.self),
              let recipientID = String(validating: recipient, as: UTF8.self)
        else { return .failure(.badSender) }
        return .success(GossipDatagram(
            senderID: senderID, recipientID: recipientID.isEmpty ? nil : recipientID, sequence: sequence,
            timestampMillis: Int64(bitPattern: timestamp), payload: Array(bytes[reader.offset..<macOffset])))
    }

    /// A bounds-checked cursor over a frame.
    private struct Reader {
        let bytes: [UInt8]
        var offset: Int

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func integer<Integer: FixedWidthInteger>(_: Integer.Type) -> Integer? {
            guard let slice = take(MemoryLayout<Integer>.size) else { return nil }
            return slice.reduce(Integer(0)) { $0 << 8 | Integer($1) }
        }
    }
}
