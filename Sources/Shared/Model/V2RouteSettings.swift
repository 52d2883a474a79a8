/// Per-route (or stage-default) settings of an `apigatewayv2` stage (`RouteSettings`); throttling
/// applies to HTTP APIs, logging and data trace only to WebSocket APIs.
package struct V2RouteSettings: Codable, Sendable, Equatable {
    package var dataTraceEnabled: Bool?
    package var detailedMetricsEnabled: Bool?
    package var loggingLevel: String?
    package var throttlingBurstLimit: Int?
    package var throttlingRateLimit: Double?

    package init(dataTraceEnabled: Bool? = nil, detailedMetricsEnabled: Bool? = nil, loggingLevel: String? = nil,
                 throttlingBurstLimit: Int? = nil, throttlingRateLimit: Double? = nil) {
        self.dataTraceEnabled = dataTraceEnabled
        self.detailedMetricsEnabled = detailedMetricsEnabled
        self.loggingLevel = loggingLevel
        self.throttlingBurstLimit = throttlingBurstLimit
        self.throttlingRateLimit = throttlingRateLimit
    }

    /// Whether these settings limit requests (either throttling member set).
    package var throttles: Bool { throttlingBurstLimit != nil || throttlingRateLimit != nil }
}

/// Where an `apigatewayv2` stage's access log goes and its format.
package struct V2AccessLogSettings: Codable, Sendable, Equatable {
    package var destinationArn: String?
    package var format: String?

    package init(destinationArn: String? = nil, format: String? = nil) {
        self.destinationArn = destinationArn
        self.format = format
    }
}
