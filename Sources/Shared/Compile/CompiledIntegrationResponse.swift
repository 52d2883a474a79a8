/// One integration response of an HTTP, MOCK or AWS (Lambda custom) integration, ready for the hot path.
package struct CompiledIntegrationResponse: Sendable, Equatable {
    /// The method response status this integration response produces.
    package let statusCode: Int
    /// The `selectionPattern` as written; nil or "" marks the default response.
    package let selectionPattern: String?
    /// Status codes the pattern matches (empty for the default response).
    package let matches: StatusCodeSet
    /// For Lambda custom integrations, the pattern over the function's `errorMessage`; nil for the
    /// default response and for every other integration type.
    package let errorPattern: ErrorMessagePattern?
    package let responseParameters: [ResponseParameterMapping]
    /// Compiled templates sorted by content type; the first one is the fallback template.
    package let responseTemplates: [MappingTemplate]
    package let contentHandling: String?

    package init(statusCode: Int, selectionPattern: String?, matches: StatusCodeSet, errorPattern: ErrorMessagePattern? = nil,
                 responseParameters: [ResponseParameterMapping], responseTemplates: [MappingTemplate], contentHandling: String?) {
        self.statusCode = statusCode
        self.selectionPattern = selectionPattern
        self.matches = matches
        self.errorPattern = errorPattern
        self.responseParameters = responseParameters
        self.responseTemplates = responseTemplates
        self.contentHandling = contentHandling
    }

    package var isDefault: Bool { selectionPattern?.isEmpty ?? true }

}

/// The integration responses of one integration with Amazon API Gateway's selection rule
/// (reference §3.4): the first response (by status code) whose `selectionPattern` matches the whole
/// status text wins; otherwise the default response (empty pattern); otherwise none (→ 500).
package struct IntegrationResponseTable: Sendable, Equatable {
    /// Sorted by status code.
    package let responses: [CompiledIntegrationResponse]
    private let defaultIndex: Int?

    package init(responses: [CompiledIntegrationResponse]) {
        self.responses = responses.sorted { $0.statusCode < $1.statusCode }
        self.defaultIndex = self.responses.firstIndex(where: \.isDefault)
    }

    package static let empty = IntegrationResponseTable(responses: [])

    /// The integration response for an upstream (or MOCK) status code, or nil when nothing matches
    /// and there is no default.
    package func select(status: Int) -> CompiledIntegrationResponse? {
        for response in responses where !response.isDefault && response.matches.contains(status) {
            return response
        }
        return defaultIndex.map { responses[$0] }
    }

    /// Lambda custom integrations (reference §3.4): the first response (by status code) whose
    /// pattern matches all of `errorMessage` (empty for a successful invocation); otherwise the
    /// default response; otherwise nil (→ 500).
    package func select(errorMessage: String) -> CompiledIntegrationResponse? {
        for response in responses where !response.isDefault && (response.errorPattern?.matches(errorMessage) ?? false) {
            return response
        }
        return defaultIndex.map { responses[$0] }
    }
}
