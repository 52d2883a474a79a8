import CZlib

/// gzip and deflate (zlib format) over zlib: the one file that touches zlib's C API.
///
/// Pure functions over byte arrays, safe from any thread (each call owns its `z_stream`).
/// Decompression is bounded by `limit` output bytes so a small compressed body cannot expand
/// into unbounded memory (a "zip bomb" is refused, not buffered).
package enum Zlib {
    /// Why a body could not be decompressed.
    package enum DecompressionError: Error, Equatable, Sendable {
        /// Not valid data in the coding (bad header, checksum, truncated stream, trailing bytes).
        case corrupt
        /// The output would exceed the limit.
        case tooLarge
        /// The output's `BodyAccumulator` had no room left in its node's body memory budget.
        case noMemory
    }

    /// `windowBits` selecting the framing: 15 is the zlib wrapper, 15 + 16 gzip's.
    private static func windowBits(_ coding: ContentCoding) -> Int32 { coding == .gzip ? 31 : 15 }

    /// `bytes` compressed in `coding` at zlib's default level.
    package static func compress(_ bytes: [UInt8], coding: ContentCoding) -> [UInt8] {
        var stream = z_stream()
        // Safe: a zeroed z_stream with null allocators is what deflateInit2_ expects; the version
        // string and struct size are zlib's own.
        let status = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits(coding), 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 with constant arguments cannot fail but for memory")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                // Safe: both buffers outlive the stream's use of them (deflateEnd runs after this
                // closure returns and reads neither); avail_* are their exact sizes.
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                let result = deflate(&stream, Z_FINISH)
                // deflateBound guarantees room for one Z_FINISH call.
                precondition(result == Z_STREAM_END, "deflate into deflateBound bytes finishes in one call")
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// `bytes` decompressed from `coding`, at most `limit` bytes (no memory budget).
    package static func decompress(_ bytes: [UInt8], coding: ContentCoding, limit: Int) -> Result<[UInt8], DecompressionError> {
        var output = BodyAccumulator(budget: nil, maxBytes: limit)
        if let error = decompress(bytes, coding: coding, limit: limit, into: &output) { return .failure(error) }
        return .success(output.takeReleasingReservation())
    }

    /// Decompresses `bytes` from `coding` into `output`, streaming: zlib inflates into one 64 KiB
    /// chunk at a time and each chunk is appended to `output` (which grows geometrically and
    /// reserves from its budget first), so memory is bounded by `limit` plus the chunk, whatever
    /// the compression ratio — a "zip bomb" stops at the first chunk past `limit`.
    ///
    /// gzip data may hold several members one after the other (RFC 1952 §2.2; `gunzip` and Java's
    /// `GZIPInputStream` read them all): they are decoded in order. Anything after the last
    /// member, or after a deflate stream, is refused as `.corrupt`. On failure `output` keeps what
    /// was appended (and its reservation): the caller releases it.
    package static func decompress(_ bytes: [UInt8], coding: ContentCoding, limit: Int,
                                   into output: inout BodyAccumulator) -> DecompressionError? {
        var stream = z_stream()
        // Safe: as in `compress`.
        guard inflateInit2_(&stream, windowBits(coding), zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .corrupt
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var produced = 0
        // The body is read in place (no copy of up to 10 MiB per request).
        return bytes.withUnsafeBufferPointer { inBuffer -> DecompressionError? in
            // Safe: inflate only reads through next_in (zlib types it non-const unless ZLIB_CONST is
            // defined), and the buffer outlives every inflate call below (all inside this closure).
            stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let (result, count) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
                    // Safe: inflate writes at most avail_out bytes into the chunk, which lives across the call.
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, outBuffer.count - Int(stream.avail_out))
                }
                guard produced + count <= limit else { return .tooLarge }
                guard output.append(chunk[..<count]) else { return .noMemory }
                produced += count
                switch result {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return nil }
                    // Another gzip member follows; bytes after a deflate stream are not part of it.
                    guard coding == .gzip, inflateReset(&stream) == Z_OK else { return .corrupt }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where count > 0:
                    continue
                default:
                    // Z_BUF_ERROR with no progress (truncated input), Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR.
                    return .corrupt
                }
            }
        }
    }
}
