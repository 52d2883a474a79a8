/// Dot-segment rules that keep every request inside its stage and every integration call inside its
/// integration URI's base path. Pure functions over UTF-8 bytes; no Foundation, no state.
///
/// Two checks, applied at different points (docs/request-lifecycle.md, "Path safety"):
/// - `removeDotSegments` normalises the request path after the stage *before routing*, with
///   RFC 3986 §5.2.4 over the decoded-dot view: a segment is `.` or `..` when it is made only of
///   `.`, `%2e` or `%2E` (`%2e` is `.` percent-encoded, an equivalent URI, RFC 3986 §6.2.2.2).
///   A path that climbs above the stage root is refused (nil). Other segments stay as received.
/// - `isSafeValue` judges a value about to be placed into an upstream path (a captured path
///   parameter, a greedy `{proxy+}` value, a mapped query, header or stage-variable value). It
///   percent-decodes *repeatedly* (so `%252e%252e` counts, for upstreams that decode twice), then
///   splits on `/` and `\` (`%2f`, `%5c`: nginx decodes `%2F` and merges `..` itself; Windows-style
///   upstreams treat `\` as a separator) and strips `;parameters` (`..;/`, which Tomcat and Jetty read
///   as `..`). A value with a `.` or `..` piece, or with a NUL byte, is unsafe.
package enum PathSafety {
    // MARK: - Request path

    /// `path` with its dot segments removed, `path` itself (the same slice, no allocation) when it has
    /// none, or nil when a `..` would climb above the root (`/..`, `/a/../..`).
    ///
    /// `path` is what follows the stage (`/a/./b/../c`, or `""`), still percent-encoded. As RFC 3986
    /// §5.2.4 does, a trailing `.` or `..` leaves a trailing slash (`/a/b/..` → `/a/`); empty
    /// segments are kept (`/a//b`). Runs on the event loop for every request: the common path, with
    /// no `.` in it, is one byte scan.
    package static func removeDotSegments(_ path: Substring) -> Substring? {
        guard mayHoldDotSegment(path.utf8), hasDotSegment(path) else { return path }
        var segments: [Substring] = []
        var trailingSlash = false
        // Segments of "/s1/s2/…/sn"; a path without a leading slash is treated as if it had one.
        var rest = path.utf8.first == slash ? path.dropFirst() : path[...]
        while true {
            let end = rest.utf8.firstIndex(of: slash) ?? rest.endIndex
            let segment = rest[..<end]
            let isLast = end == rest.endIndex
            switch dotCount(segment.utf8) {
            case 1:
                trailingSlash = isLast
            case 2:
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                trailingSlash = isLast
            default:
                segments.append(segment)
                trailingSlash = false
            }
            if isLast { break }
            rest = rest[rest.utf8.index(after: end)...]
        }
        var out = ""
        out.reserveCapacity(path.utf8.count)
        for segment in segments {
            out += "/"
            out += segment
        }
        if trailingSlash || out.isEmpty { out += "/" }
        return out[...]
    }

    /// True when some `/`-separated segment of `path` is `.` or `..` (decoded-dot view); allocates nothing,
    /// so a path with ordinary dots (`/v1.2/file.json`) costs one more scan and no array.
    private static func hasDotSegment(_ path: Substring) -> Bool {
        var rest = path[...]
        while true {
            let end = rest.utf8.firstIndex(of: slash) ?? rest.endIndex
            if dotCount(rest[..<end].utf8) > 0 { return true }
            if end == rest.endIndex { return false }
            rest = rest[rest.utf8.index(after: end)...]
        }
    }

    /// 1 for a `.` segment, 2 for `..`, 0 otherwise; `%2e`/`%2E` count as `.` (one decoding only:
    /// `%252e` is the literal text `%2e` for routing, and `isSafeValue` refuses it later).
    static func dotCount(_ segment: Substring.UTF8View) -> Int {
        var dots = 0
        var i = segment.startIndex
        while i != segment.endIndex {
            if segment[i] == dot {
                i = segment.index(after: i)
            } else if segment[i] == percent {
                let h = segment.index(after: i)
                guard h != segment.endIndex, segment[h] == two else { return 0 }
                let l = segment.index(after: h)
                guard l != segment.endIndex, segment[l] | 0x20 == UInt8(ascii: "e") else { return 0 }
                i = segment.index(after: l)
            } else {
                return 0
            }
            dots += 1
            if dots > 2 { return 0 }
        }
        return dots
    }

    // MARK: - Values placed into an upstream path

    /// True when `value` cannot name a dot segment (or carry a NUL) in an upstream path however many
    /// times the upstream percent-decodes it (see the type's documentation). `value` may be raw
    /// (a captured, still-encoded path parameter) or decoded (a mapped query or header value).
    package static func isSafeValue<S: StringProtocol>(_ value: S) -> Bool {
        if let verdict = value.utf8.withContiguousStorageIfAvailable({ isSafeValue(bytes: $0) }) { return verdict }
        return isSafeValue(bytes: Array(value.utf8))
    }

    /// `isSafeValue` for the types the request path passes. The generic version is not specialised
    /// across the module boundary, and on a short clean value its iterator-driven scan cost about
    /// 4,000 instructions a call, three calls per proxied request (bench/instructions.sh, issue 11).
    package static func isSafeValue(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { isSafeValue(bytes: $0) }
    }

    package static func isSafeValue(_ value: Substring) -> Bool {
        var value = value
        return value.withUTF8 { isSafeValue(bytes: $0) }
    }

    private static func isSafeValue<Bytes: RandomAccessCollection>(bytes value: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard value.contains(where: { $0 == dot || $0 == percent || $0 == 0 }) else { return true }
        var bytes = Array(value)
        // Each round either removes a `%XX` (shrinking the value) or stops; 8 rounds cover any
        // encoding depth a client could mean, and a deeper one is refused rather than guessed.
        for _ in 0..<8 {
            guard mayHoldDotSegmentOrNUL(bytes) else { return true }
            if hasDotPiece(bytes) || bytes.contains(0) { return false }
            guard bytes.contains(percent) else { return true }
            let decoded = PercentDecoding.decode(bytes)
            if decoded.count == bytes.count { return true }
            bytes = decoded
        }
        return false
    }

    /// True when some `/`- or `\`-separated piece of `bytes`, without its `;parameters`, is `.` or `..`.
    static func hasDotPiece(_ bytes: [UInt8]) -> Bool {
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != slash, bytes[end] != backslash { end += 1 }
            var nameEnd = start
            while nameEnd < end, bytes[nameEnd] != semicolon { nameEnd += 1 }
            let length = nameEnd - start
            if length == 1 || length == 2, bytes[start..<nameEnd].allSatisfy({ $0 == dot }) { return true }
            start = end + 1
        }
        return false
    }

    // MARK: - Fast checks

    /// False when `bytes` has neither `.` nor `%`: no segment can be a dot segment.
    private static func mayHoldDotSegment(_ bytes: Substring.UTF8View) -> Bool {
        bytes.contains { $0 == dot || $0 == percent }
    }

    private static func mayHoldDotSegmentOrNUL(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 == dot || $0 == percent || $0 == 0 }
    }

    static let slash = UInt8(ascii: "/")
    static let backslash = UInt8(ascii: "\\")
    static let semicolon = UInt8(ascii: ";")
    static let dot = UInt8(ascii: ".")
    static let percent = UInt8(ascii: "%")
    static let two = UInt8(ascii: "2")
}
