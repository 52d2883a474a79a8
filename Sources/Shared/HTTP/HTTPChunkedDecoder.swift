/// Decodes a chunked body (RFC 9112 §7.1) from a parse buffer, one state per framing element.
///
/// Yields data slices as they arrive and `.end` after the last chunk and its trailer section.
/// Trailer fields are validated like header fields, limited by `maxHeaderBytes`/`maxHeaderCount`
/// (their own budget, refused with `.trailersTooLarge`) and discarded: nothing downstream needs
/// them, and merging them into the head would let a sender add headers after checks ran.
/// The running body total is checked against `maxBodyBytes` when each chunk size is read, so an
/// oversized body is refused before its data arrives.
struct HTTPChunkedDecoder: Sendable {
    enum Event: Equatable, Sendable {
        case data(ArraySlice<UInt8>)
        case end
    }

    private enum State: Equatable, Sendable {
        case size
        case data(remaining: Int)
        case dataCRLF
        case trailers
    }

    private var state = State.size
    private var total = 0
    private var trailerBytes = 0
    private var trailerCount = 0

    /// Bytes of chunk data decoded so far.
    var bodyByteCount: Int { total }

    /// Next event, nil when more bytes are needed.
    mutating func next(from buffer: inout HTTPParseBuffer, limits: HTTPLimits) throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .size:
                guard let range = try buffer.nextLine() else {
                    if buffer.readableCount > limits.maxChunkSizeLineBytes + 1 { throw .chunkSizeLineTooLong }
                    return nil
                }
                guard range.count <= limits.maxChunkSizeLineBytes else { throw .chunkSizeLineTooLong }
                let size = try buffer.withBytes(range) { (line) throws(HTTPParseError) in try Self.chunkSize(line) }
                if size == 0 {
                    state = .trailers
                } else {
                    guard size <= limits.maxBodyBytes - total else { throw .bodyTooLarge }
                    total += size
                    state = .data(remaining: size)
                }
            case .data(let remaining):
                let count = min(remaining, buffer.readableCount)
                guard count > 0 else { return nil }
                state = count == remaining ? .dataCRLF : .data(remaining: remaining - count)
                return .data(buffer.take(count))
            case .dataCRLF:
                let available = buffer.readableCount
                if available >= 1 && buffer.peek(0) != HTTPSyntax.cr { throw .invalidChunkFraming }
                if available >= 2 && buffer.peek(1) != HTTPSyntax.lf { throw .invalidChunkFraming }
                guard available >= 2 else { return nil }
                buffer.consume(2)
                state = .size
            case .trailers:
                guard let range = try buffer.nextLine() else {
                    if trailerBytes + buffer.readableCount > limits.maxHeaderBytes + 1 { throw .trailersTooLarge }
                    return nil
                }
                if range.isEmpty {
                    self = HTTPChunkedDecoder()
                    return .end
                }
                trailerBytes += range.count + 2
                trailerCount += 1
                guard trailerBytes <= limits.maxHeaderBytes, trailerCount <= limits.maxHeaderCount else {
                    throw .trailersTooLarge
                }
                _ = try buffer.withBytes(range) { (line) throws(HTTPParseError) in try HTTPHeadFields.split(line) }
            }
        }
    }

    // MARK: - Chunk-size line

    /// Parses `chunk-size [ chunk-ext ]`: hex digits (no sign, no `0x`), then optional extensions.
    static func chunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var i = 0
        var size = 0
        // Safe: every index is checked against line.count before it is read.
        while i < line.count, let digit = Hex.value(of: line[i]) {
            guard size <= Int.max >> 4 else { throw .invalidChunkSize }
            size = size << 4 | Int(digit)
            i += 1
        }
        guard i > 0 else { throw .invalidChunkSize }
        if i < line.count {
            var j = i
            while j < line.count && HTTPSyntax.isWhitespace(line[j]) { j += 1 }
            // Anything but BWS ";" right after the digits (`0x10`, `1g`) is a bad size.
            guard j < line.count, line[j] == HTTPSyntax.semicolon else {
                throw j == i ? .invalidChunkSize : .invalidChunkExtension
            }
            try validateExtensions(UnsafeBufferPointer(rebasing: line[j...]))
        }
        return size
    }

    /// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] )
    private static func validateExtensions(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        var i = 0
        // Safe: every index is checked against bytes.count before it is read.
        func skipWhitespace() { while i < bytes.count && HTTPSyntax.isWhitespace(bytes[i]) { i += 1 } }
        func token() -> Bool {
            let start = i
            while i < bytes.count && HTTPSyntax.isToken(bytes[i]) { i += 1 }
            return i > start
        }
        while i < bytes.count {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == HTTPSyntax.semicolon else { throw .invalidChunkExtension }
            i += 1
            skipWhitespace()
            guard token() else { throw .invalidChunkExtension }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x3D /* = */ else { continue }
            i += 1
            skipWhitespace()
            if i < bytes.count && bytes[i] == 0x22 /* " */ {
                i += 1
                var closed = false
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte == 0x22 { closed = true; i += 1; break }
                    if byte == 0x5C /* \ */ { i += 1; guard i < bytes.count else { break } }
                    guard HTTPSyntax.isFieldValueByte(bytes[i]) else { throw .invalidChunkExtension }
                    i += 1
                }
                guard closed else { throw .invalidChunkExtension }
            } else {
                guard token() else { throw .invalidChunkExtension }
            }
            skipWhitespace()
        }
    }
}
