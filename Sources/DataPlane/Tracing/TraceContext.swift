import Shared

/// One request's trace in both header forms: AWS X-Ray's `X-Amzn-Trace-Id`
/// (`Root=1-{8 hex}-{24 hex};Parent={16 hex};Sampled=1`) and W3C Trace Context's `traceparent`
/// (`00-{32 hex trace id}-{16 hex parent id}-{2 hex flags}`), plus the gateway's own span.
///
/// Pure. The trace id is the X-Ray root's 32 hex digits (the two forms name the same trace, as
/// X-Ray's W3C support maps them); the gateway's span id is the request id's last 16 hex digits
/// (unique per request of a node, no random draw); the parent is the caller's span (X-Ray
/// `Parent=`, or the `traceparent` parent id the X-Ray header was made from).
package struct TraceContext: Sendable, Equatable {
    package let traceId: String
    package let spanId: String
    package let parentSpanId: String?
    package let sampled: Bool

    package init(traceId: String, spanId: String, parentSpanId: String?, sampled: Bool) {
        self.traceId = traceId
        self.spanId = spanId
        self.parentSpanId = parentSpanId
        self.sampled = sampled
    }

    /// The context of a request with these identifiers. An X-Ray header without a well-formed root
    /// (a client's) traces under the request id's 32 hex digits instead.
    package init(_ identifiers: RequestIdentifiers) {
        let requestHex = identifiers.requestId.filter { $0 != "-" }
        var traceId = String(requestHex.suffix(32))
        var parent: String?
        var sampled = true
        for field in identifiers.traceId.split(separator: ";") {
            let part = field.trimmingSpaces
            if part.hasPrefix("Root="), let root = Self.rootHex(part.dropFirst(5)) { traceId = root }
            if part.hasPrefix("Parent="), Self.isHex(part.dropFirst(7), count: 16) { parent = String(part.dropFirst(7)).lowercased() }
            if part == "Sampled=0" { sampled = false }
        }
        self.init(traceId: traceId, spanId: String(requestHex.suffix(16)), parentSpanId: parent, sampled: sampled)
    }

    /// The `traceparent` the gateway sends on: this trace, the gateway's span as parent.
    package var traceparent: String { "00-\(traceId)-\(spanId)-\(sampled ? "01" : "00")" }

    /// The X-Ray header equivalent to a valid `traceparent`, nil for an invalid one (W3C: a
    /// receiver that cannot parse it starts a new trace). Versions other than 00 are read by their
    /// first four fields, as the specification asks; `ff`, all-zero ids and bad lengths are invalid.
    package static func xrayHeader(fromTraceparent header: String) -> String? {
        let bytes = Array(header.utf8)
        guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-") else { return nil }
        let version = String(decoding: bytes[0..<2], as: UTF8.self)
        let trace = String(decoding: bytes[3..<35], as: UTF8.self)
        let parent = String(decoding: bytes[36..<52], as: UTF8.self)
        let flags = String(decoding: bytes[53..<55], as: UTF8.self)
        guard isLowerHex(version, count: 2), version != "ff", isLowerHex(trace, count: 32), isLowerHex(parent, count: 16),
              isLowerHex(flags, count: 2), trace != String(repeating: "0", count: 32), parent != String(repeating: "0", count: 16),
              version == "00" ? bytes.count == 55 : (bytes.count == 55 || bytes[55] == UInt8(ascii: "-")) else { return nil }
        let sampled = (UInt8(flags, radix: 16) ?? 0) & 1
        return "Root=1-\(trace.prefix(8))-\(trace.dropFirst(8));Parent=\(parent);Sampled=\(sampled)"
    }

    /// Whether requests to integrations and authorizers carry `traceparent`: when the client sent
    /// one, or when the stage traces (`tracingEnabled`). Otherwise only `X-Amzn-Trace-Id`, as AWS.
    package static func propagates(_ invocation: Invocation) -> Bool {
        invocation.identifiers.traceparentReceived || invocation.stage.tracingEnabled
    }

    /// Adds `traceparent` (and the client's `tracestate`, unless `forwardsClientHeaders` already
    /// copied it) to a request for `invocation`, when it propagates.
    package static func addHeaders(to headers: inout HTTPHeaders, for invocation: Invocation, forwardsClientHeaders: Bool) {
        guard propagates(invocation) else { return }
        headers.add("traceparent", TraceContext(invocation.identifiers).traceparent)
        if !forwardsClientHeaders, let state = invocation.identifiers.tracestate { headers.add("tracestate", state) }
    }

    /// `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`.
    static func rootHex(_ root: Substring) -> String? {
        let parts = root.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "1", isHex(parts[1], count: 8), isHex(parts[2], count: 24) else { return nil }
        return (parts[1] + parts[2]).lowercased()
    }

    static func isHex(_ text: some StringProtocol, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    static func isLowerHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
