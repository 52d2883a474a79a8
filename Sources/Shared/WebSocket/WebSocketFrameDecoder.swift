/// An incremental RFC 6455 frame decoder. Pure and synchronous.
///
/// Feed bytes in any chunks with `append` (one byte at a time works), then call `next()` until it
/// returns nil ("need more bytes"). Each frame yields `.head`, zero or more `.payload` parts
/// (unmasked, in order, together exactly `head.length` bytes) and `.end`. Payload is handed out
/// as it arrives, so a frame is never buffered whole: the decoder holds only what the caller
/// appended and has not yet taken (plus at most the 13 bytes of an unfinished head).
///
/// Checks, each thrown as a `WebSocketProtocolError` with its close code as soon as the bytes
/// that decide it have arrived (before the payload):
/// - RSV1–3 must be 0 (no extension is negotiated); opcodes 3–7 and 0xB–0xF are refused.
/// - Masking by role: a `.server` decoder refuses unmasked frames, a `.client` one masked frames.
/// - Control frames: FIN set and at most 125 bytes.
/// - Lengths: the 16-bit form must carry ≥ 126 and the 64-bit form ≥ 65,536 (the RFC's "minimal
///   number of bytes MUST be used" is enforced, 1002); a 64-bit length with the MSB set is refused;
///   a length over `limits.maxFramePayloadBytes` is refused with 1009 before any payload is read.
/// Rules across frames (fragmentation, UTF-8, close payloads) are `WebSocketMessageAssembler`'s.
/// After a throw the decoder stays failed and rethrows the same error.
///
/// Not thread-safe: a value owned by one connection on one event loop.
package struct WebSocketFrameDecoder {
    /// One step of a frame.
    package enum Event: Sendable, Equatable {
        case head(WebSocketFrameHead)
        case payload([UInt8])
        case end
    }

    private enum State {
        /// Waiting for (the rest of) a frame head.
        case head
        /// Inside a frame's payload: `remaining` bytes to go, `offset` bytes already unmasked.
        case payload(WebSocketFrameHead, remaining: Int, offset: Int)
        case failed(WebSocketProtocolError)
    }

    package let role: WebSocketRole
    package let limits: WebSocketLimits
    private var buffer = HTTPParseBuffer()
    private var state = State.head

    package init(role: WebSocketRole, limits: WebSocketLimits = .aws) {
        self.role = role
        self.limits = limits
    }

    /// Bytes appended and not yet handed out.
    package var bufferedByteCount: Int { buffer.readableCount }

    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(bytes)
    }

    package mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next event, or nil when more bytes are needed.
    package mutating func next() throws(WebSocketProtocolError) -> Event? {
        switch state {
        case .failed(let error):
            throw error
        case .head:
            do {
                guard let head = try readHead() else { return nil }
                state = .payload(head, remaining: head.length, offset: 0)
                return .head(head)
            } catch {
                state = .failed(error)
                throw error
            }
        case .payload(let head, let remaining, let offset):
            if remaining == 0 {
                state = .head
                return .end
            }
            let count = min(remaining, buffer.readableCount)
            guard count > 0 else { return nil }
            var part = Array(buffer.take(count))
            if let key = head.maskKey {
                for index in part.indices { part[index] ^= WebSocketFrameHead.maskByte(key, offset + index) }
            }
            state = .payload(head, remaining: remaining - count, offset: offset + count)
            return .payload(part)
        }
    }

    /// Decodes a head once all of it has arrived; throws as soon as the bytes present break a rule.
    private func readHeadFields() throws(WebSocketProtocolError) -> (head: WebSocketFrameHead, size: Int)? {
        let available = buffer.readableCount
        guard available >= 2 else { return nil }
        let first = buffer.peek(0), second = buffer.peek(1)
        guard first & 0x70 == 0 else { throw .reservedBitsSet }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        let fin = first & 0x80 != 0
        let masked = second & 0x80 != 0
        let shortLength = Int(second & 0x7F)
        if opcode.isControl {
            guard fin else { throw .fragmentedControlFrame }
            guard shortLength <= 125 else { throw .controlFrameTooLong }
        }
        switch role {
        case .server: guard masked else { throw .unmaskedClientFrame }
        case .client: guard !masked else { throw .maskedServerFrame }
        }
        var size = 2
        var length = shortLength
        if shortLength == 126 {
            guard available >= 4 else { return nil }
            length = Int(buffer.peek(2)) << 8 | Int(buffer.peek(3))
            guard length >= 126 else { throw .nonMinimalLength }
            size = 4
        } else if shortLength == 127 {
            guard available >= 10 else { return nil }
            guard buffer.peek(2) & 0x80 == 0 else { throw .lengthHighBitSet }
            var wide: UInt64 = 0
            for index in 2..<10 { wide = wide << 8 | UInt64(buffer.peek(index)) }
            guard wide >= 65_536 else { throw .nonMinimalLength }
            // Checked here, on the 64-bit value, so no length can overflow `Int`.
            guard wide <= UInt64(limits.maxFramePayloadBytes) else { throw .frameTooBig }
            length = Int(wide)
            size = 10
        }
        guard length <= limits.maxFramePayloadBytes else { throw .frameTooBig }
        var maskKey: UInt32?
        if masked {
            guard available >= size + 4 else { return nil }
            var key: UInt32 = 0
            for index in size..<(size + 4) { key = key << 8 | UInt32(buffer.peek(index)) }
            maskKey = key
            size += 4
        }
        return (WebSocketFrameHead(fin: fin, opcode: opcode, length: length, maskKey: maskKey), size)
    }

    private mutating func readHead() throws(WebSocketProtocolError) -> WebSocketFrameHead? {
        guard let (head, size) = try readHeadFields() else { return nil }
        buffer.consume(size)
        return head
    }
}
