/// Renders mapping templates (request templates of HTTP/MOCK integrations, response templates of
/// integration responses). The VTL engine plugs in here; until then `LiteralTemplateRenderer`.
package protocol MappingTemplateRenderer: Sendable {
    /// The integration request body for `template`; nil when it cannot be rendered (→ 500).
    func renderRequest(_ template: String, invocation: Invocation) -> [UInt8]?
    /// The method response body for `template`; nil when it cannot be rendered (→ 500).
    func renderResponse(_ template: String, invocation: Invocation, integrationResponse: UpstreamResponse) -> [UInt8]?
}

/// Emits templates verbatim: right for static templates (`{"statusCode": 200}`, fixed MOCK bodies);
/// VTL directives are not evaluated.
package struct LiteralTemplateRenderer: MappingTemplateRenderer {
    package init() {}

    package func renderRequest(_ template: String, invocation: Invocation) -> [UInt8]? {
        Array(template.utf8)
    }

    package func renderResponse(_ template: String, invocation: Invocation, integrationResponse: UpstreamResponse) -> [UInt8]? {
        Array(template.utf8)
    }
}
