import Shared

/// One finished span, as the OTLP/HTTP JSON encoding (`ExportTraceServiceRequest`) writes it.
package struct TraceSpan: Sendable, Equatable {
    package let context: TraceContext
    package let name: String
    package let startNanos: UInt64
    package let endNanos: UInt64
    /// OTLP `SpanKind`: 1 = INTERNAL, 2 = SERVER, 3 = CLIENT.
    package let kind: Int
    /// OTLP status code: 0 unset, 2 error.
    package let statusCode: Int
    package let attributes: [(key: String, value: JSONValue)]

    package static func == (a: TraceSpan, b: TraceSpan) -> Bool {
        a.context == b.context && a.name == b.name && a.startNanos == b.startNanos && a.endNanos == b.endNanos
            && a.kind == b.kind && a.statusCode == b.statusCode && a.attributes.map(\.key) == b.attributes.map(\.key)
            && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    /// The gateway's span of a finished request: named `{api name}/{stage}` as X-Ray names API
    /// Gateway segments, from the request's arrival (ms precision, what the invocation records) to
    /// its completion, an error status for a 5XX.
    package init(_ invocation: Invocation, _ record: CompletionRecord) {
        context = TraceContext(invocation.identifiers)
        name = "\(invocation.stage.apiName)/\(invocation.stage.stageName)"
        startNanos = UInt64(max(0, invocation.requestTimeEpochMillis)) * 1_000_000
        endNanos = startNanos + record.latencyNanos
        kind = 2
        statusCode = record.status >= 500 ? 2 : 0
        var attributes: [(key: String, value: JSONValue)] = [
            ("http.request.method", .string(invocation.request.method.rawValue)),
            ("url.path", .string(invocation.contextPath)),
            ("http.route", .string(invocation.route.resourcePath)),
            ("http.response.status_code", .number(Double(record.status))),
            ("aws.api_gateway.rest_api_id", .string(invocation.stage.restApiId)),
            ("aws.api_gateway.stage", .string(invocation.stage.stageName)),
            ("aws.request_id", .string(invocation.identifiers.requestId)),
            ("aws.xray.trace_header", .string(invocation.identifiers.traceId)),
        ]
        if let nanos = record.integrationLatencyNanos {
            attributes.append(("aws.api_gateway.integration_latency_ms", .number(Double(nanos / 1_000_000))))
        }
        if let error = record.error { attributes.append(("aws.api_gateway.error.response_type", .string(error.responseType))) }
        self.attributes = attributes
    }

    /// A child of the request's span: the authorizer step (INTERNAL: it may be answered from the
    /// cache) or the integration call (CLIENT), from `start` for `nanos`, both in Unix nanoseconds.
    init(child name: String, of parent: TraceContext, spanId: String, kind: Int, startNanos: UInt64, nanos: UInt64,
         failed: Bool, attributes: [(key: String, value: JSONValue)]) {
        context = TraceContext(traceId: parent.traceId, spanId: spanId, parentSpanId: parent.spanId, sampled: parent.sampled)
        self.name = name
        self.startNanos = startNanos
        endNanos = startNanos + nanos
        self.kind = kind
        statusCode = failed ? 2 : 0
        self.attributes = attributes
    }

    /// The spans of a finished request: the gateway's, then a child for the Lambda or Cognito
    /// authorizer when it ran, and one for the integration when the request reached it. Child
    /// times are placed by their monotonic offsets from the end of routing (clamped into the
    /// request's span); their ids are other 16-hex slices of the request id, so they are unique per
    /// request without drawing random numbers.
    package static func spans(_ invocation: Invocation, _ record: CompletionRecord) -> [TraceSpan] {
        let request = TraceSpan(invocation, record)
        var spans = [request]
        let hex = invocation.identifiers.requestId.filter { $0 != "-" }
        guard hex.count >= 32, record.startedNanos != 0 else { return spans }
        func offset(_ monotonic: UInt64) -> UInt64 {
            min(monotonic > record.startedNanos ? monotonic - record.startedNanos : 0, record.latencyNanos)
        }
        let step = invocation.authSteps.authorizer
        if step.ran, step.startedNanos != 0, let authorizer = invocation.route.authorizer {
            let kind = switch authorizer.kind {
            case .token: "TOKEN"
            case .request: "REQUEST"
            case .cognito: "COGNITO_USER_POOLS"
            }
            spans.append(TraceSpan(child: "Authorizer \(authorizer.name)", of: request.context, spanId: String(hex.prefix(16)), kind: 1,
                                   startNanos: request.startNanos + offset(step.startedNanos), nanos: UInt64(step.latencyMillis) * 1_000_000,
                                   failed: step.status >= 500, attributes: [
                                       ("aws.api_gateway.authorizer.id", .string(authorizer.id)),
                                       ("aws.api_gateway.authorizer.type", .string(kind)),
                                       ("aws.api_gateway.authorizer.status", .number(Double(step.status))),
                                       ("aws.api_gateway.authorizer.cached", .bool(invocation.authSteps.authorizerInvokeStatus == 0
                                                                                    && kind != "COGNITO_USER_POOLS")),
                                   ]))
        }
        if let nanos = record.integrationLatencyNanos, record.integrationStartedNanos != 0 {
            let integration = invocation.route.integration
            var attributes: [(key: String, value: JSONValue)] = [("aws.api_gateway.integration.type", .string(integration.kind.rawValue))]
            if let status = record.integration.integrationStatusCode {
                attributes.append(("http.response.status_code", .number(Double(status))))
            }
            if let requestId = record.integration.requestId { attributes.append(("aws.request_id", .string(requestId))) }
            let failed = record.integration.errorMessage != nil || (record.integration.integrationStatusCode ?? 0) >= 500
            spans.append(TraceSpan(child: "Integration \(integration.kind.rawValue)", of: request.context,
                                   spanId: String(hex.dropFirst(8).prefix(16)), kind: 3,
                                   startNanos: request.startNanos + offset(record.integrationStartedNanos), nanos: nanos,
                                   failed: failed, attributes: attributes))
        }
        return spans
    }

    /// The OTLP JSON of this span (ids as lowercase hex, times as decimal strings, as OTLP/JSON
    /// encodes 64-bit integers; integer attributes as `intValue`).
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("traceId", .string(context.traceId)),
            ("spanId", .string(context.spanId)),
        ]
        if let parent = context.parentSpanId { members.append(("parentSpanId", .string(parent))) }
        members += [
            ("name", .string(name)),
            ("kind", .number(Double(kind))),
            ("startTimeUnixNano", .string(String(startNanos))),
            ("endTimeUnixNano", .string(String(endNanos))),
            ("attributes", .array(attributes.map { attribute in
                let value: JSONValue = switch attribute.value {
                case .number(let n): .object([("intValue", .string(String(Int64(n))))])
                case .bool(let b): .object([("boolValue", .bool(b))])
                default: .object([("stringValue", attribute.value)])
                }
                return .object([("key", .string(attribute.key)), ("value", value)])
            })),
            ("status", .object(statusCode == 0 ? [] : [("code", .number(Double(statusCode)))])),
        ]
        return .object(members)
    }

    /// One `ExportTraceServiceRequest` holding `spans`, with the node as the resource.
    package static func document(_ spans: [TraceSpan], nodeId: String) -> [UInt8] {
        let resource: JSONValue = .object([("attributes", .array([
            .object([("key", .string("service.name")), ("value", .object([("stringValue", .string("tollgate"))]))]),
            .object([("key", .string("service.instance.id")), ("value", .object([("stringValue", .string(nodeId))]))]),
        ]))])
        let document: JSONValue = .object([("resourceSpans", .array([.object([
            ("resource", resource),
            ("scopeSpans", .array([.object([
                ("scope", .object([("name", .string("tollgate.data-plane"))])),
                ("spans", .array(spans.map(\.json))),
            ])])),
        ])]))])
        return Array(document.serialized().utf8)
    }
}
