/// A REST API's gateway response (botocore `GatewayResponse`): what the gateway answers for one kind
/// of its own error (`responseType`), with AWS's defaults for the types never put.
///
/// The definition stores only the types put on it (`defaultResponse` false); `GetGatewayResponses`
/// shows the rest from `defaults`. The data plane serves the customised ones (`CompiledGatewayResponses`,
/// `GatewayResponder`); a customised `REQUEST_TOO_LARGE` is refused, as AWS does not allow one.
package struct GatewayResponse: Codable, Sendable, Equatable {
    package var responseType: String
    /// A 3-digit code as a string; nil for `DEFAULT_4XX`/`DEFAULT_5XX` unless put.
    package var statusCode: String?
    /// `gatewayresponse.{header|path|querystring}.NAME` → `'static'` or `method.request.…`/`stageVariables.…`/`context.…`.
    package var responseParameters: [String: String]?
    /// Content type → template (only `$context`/`$stageVariables` substitution, no VTL: `GatewayResponseTemplate`).
    package var responseTemplates: [String: String]?
    package var defaultResponse: Bool

    package init(responseType: String, statusCode: String? = nil, responseParameters: [String: String]? = nil,
                 responseTemplates: [String: String]? = nil, defaultResponse: Bool = false) {
        self.responseType = responseType
        self.statusCode = statusCode
        self.responseParameters = responseParameters
        self.responseTemplates = responseTemplates
        self.defaultResponse = defaultResponse
    }

    /// The template every default response carries, as AWS returns it.
    package static let defaultTemplates = ["application/json": #"{"message":$context.error.messageString}"#]

    /// Every response type with its default status code, in the order AWS lists them in
    /// `GetGatewayResponses` (the API reference's example); `DEFAULT_4XX`/`DEFAULT_5XX` have none.
    package static let defaultStatusCodes: [(type: String, statusCode: String?)] = [
        ("INTEGRATION_FAILURE", "504"), ("RESOURCE_NOT_FOUND", "404"), ("REQUEST_TOO_LARGE", "413"), ("THROTTLED", "429"),
        ("UNSUPPORTED_MEDIA_TYPE", "415"), ("AUTHORIZER_CONFIGURATION_ERROR", "500"), ("DEFAULT_5XX", nil), ("DEFAULT_4XX", nil),
        ("BAD_REQUEST_PARAMETERS", "400"), ("BAD_REQUEST_BODY", "400"), ("EXPIRED_TOKEN", "403"), ("ACCESS_DENIED", "403"),
        ("INVALID_API_KEY", "403"), ("UNAUTHORIZED", "401"), ("API_CONFIGURATION_ERROR", "500"), ("QUOTA_EXCEEDED", "429"),
        ("INTEGRATION_TIMEOUT", "504"), ("MISSING_AUTHENTICATION_TOKEN", "403"), ("INVALID_SIGNATURE", "403"),
        ("AUTHORIZER_FAILURE", "500"), ("WAF_FILTERED", "403"),
    ]

    /// AWS's default response for `type`, or nil when `type` is not a gateway response type.
    package static func defaultResponse(for type: String) -> GatewayResponse? {
        guard let entry = defaultStatusCodes.first(where: { $0.type == type }) else { return nil }
        return GatewayResponse(responseType: type, statusCode: entry.statusCode, responseParameters: [:],
                               responseTemplates: defaultTemplates, defaultResponse: true)
    }

    /// Whether serving this response would answer exactly as the default for its type does.
    package var isDefault: Bool {
        guard let base = Self.defaultResponse(for: responseType) else { return false }
        return (statusCode ?? base.statusCode) == base.statusCode && (responseParameters ?? [:]).isEmpty
            && (responseTemplates ?? [:]) == base.responseTemplates
    }
}
