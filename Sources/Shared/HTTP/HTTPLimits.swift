/// Size limits the HTTP/1.1 parsers enforce, with the status each refusal produces.
///
/// One value holds every bound so that the server, the upstream client and the fuzzer all agree.
/// Every limit is checked while bytes arrive, so a peer can never make a parser buffer more than
/// about one limit's worth of input before it is refused. All figures are in bytes unless noted.
///
/// Defaults and why:
/// - `maxRequestLineBytes` 8,192 → 414. The request line without its CRLF. 8 KiB is the common
///   ceiling (nginx `large_client_header_buffers`, Apache `LimitRequestLine`); longer URLs do not
///   survive most clients and CDNs anyway. Response parsers apply it to the status line.
/// - `maxHeaderBytes` 16,384 → 431. The field lines of one head (each with its CRLF), plus any
///   empty lines skipped before the request line; neither the request line nor the final empty
///   line count. Amazon API Gateway allows 10,240 bytes of headers in total; we take 16 KiB so
///   everything AWS accepts is accepted here too, with room for proxies that add
///   `X-Forwarded-*`/tracing headers in front of us. Chunked trailers have their own budget of
///   the same size.
/// - `maxHeaderCount` 100 → 431. Field lines per head (trailers likewise). Bounds the per-request
///   work of header lookups; 100 is the figure nginx, Go and h2o converge on.
/// - `maxBodyBytes` 10,485,760 (10 MiB) → 413. Amazon API Gateway's payload limit. A declared
///   `Content-Length` above it is refused as soon as the head is complete, before any body byte
///   is read; a chunked body is refused as soon as a chunk size would take the total past it.
///   The response parser refuses upstream bodies above it the same way.
/// - `maxChunkSizeLineBytes` 1,024 → 400. A chunk-size line including extensions, without CRLF.
///   Sizes need at most 16 hex digits; the rest is for extensions, which nobody uses in
///   practice and which are a known way to make servers buffer without bound.
package struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (or response status line), CRLF excluded. Over it: 414.
    package var maxRequestLineBytes: Int
    /// Largest header block (field lines with their CRLFs). Over it: 431.
    package var maxHeaderBytes: Int
    /// Most field lines in one head or trailer section. Over it: 431.
    package var maxHeaderCount: Int
    /// Largest message body. Over it: 413 (decided from the declared length when there is one).
    package var maxBodyBytes: Int
    /// Longest chunk-size line (size plus extensions), CRLF excluded. Over it: 400.
    package var maxChunkSizeLineBytes: Int

    package init(
        maxRequestLineBytes: Int = 8_192,
        maxHeaderBytes: Int = 16_384,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 10_485_760,
        maxChunkSizeLineBytes: Int = 1_024
    ) {
        precondition(maxRequestLineBytes > 0 && maxHeaderBytes > 0 && maxHeaderCount > 0, "HTTP limits must be positive")
        precondition(maxBodyBytes >= 0 && maxChunkSizeLineBytes > 0, "HTTP limits must be positive")
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkSizeLineBytes = maxChunkSizeLineBytes
    }

    /// The defaults documented above.
    package static let `default` = HTTPLimits()
}
