import Shared

/// `$context` in a mapping template: the request's context variables as API Gateway documents them
/// for REST APIs ("api-gateway-mapping-template-reference"), plus the two maps a template may write:
/// `$context.requestOverride.{header,querystring,path}` (request templates) and
/// `$context.responseOverride.{status,header}` (response templates).
///
/// One per evaluation, confined to the evaluating thread. Values come from `Invocation.contextVariable`
/// (the one table the parameter mappings read too); a documented variable the node does not know
/// (`identity.caller`, `identity.userArn`, `wafResponseCode`, …) is an empty string, as AWS renders it
/// for a request without that identity; an undocumented one is null.
final class TemplateContext: VTLHostObject {
    let invocation: Invocation
    /// `$context.requestOverride`: `header`, `querystring`, `path` maps the template fills.
    let requestOverride: VTLMap
    /// `$context.responseOverride`: `status` and a `header` map.
    let responseOverride: VTLMap
    private lazy var identity: VTLMap = {
        var pairs: [(String, VTLValue)] = []
        for name in Self.identityNames {
            pairs.append((name, .string(invocation.contextVariable("identity." + name) ?? "")))
        }
        // Mutual TLS: `$context.identity.clientCert.subjectDN`, …; without a verified certificate
        // every field is an empty string, as for the other documented identity variables.
        let certificate = invocation.connection.clientCertificate
        let field = { (name: Substring) -> VTLValue in .string(certificate?.field(name) ?? "") }
        let validity = VTLMap([("notBefore", field("validity.notBefore")), ("notAfter", field("validity.notAfter"))])
        pairs.append(("clientCert", .map(VTLMap([
            ("clientCertPem", field("clientCertPem")), ("subjectDN", field("subjectDN")), ("issuerDN", field("issuerDN")),
            ("serialNumber", field("serialNumber")), ("validity", .map(validity)),
        ]))))
        return VTLMap(pairs)
    }()
    private lazy var authorizer: VTLMap = TemplateContext.authorizerMap(invocation)

    init(_ invocation: Invocation) {
        self.invocation = invocation
        requestOverride = VTLMap([("header", .map(VTLMap())), ("querystring", .map(VTLMap())), ("path", .map(VTLMap()))])
        responseOverride = VTLMap([("header", .map(VTLMap()))])
    }

    /// `$context.identity.*` names API Gateway documents for REST APIs.
    static let identityNames = [
        "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
        "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn",
    ]

    /// Documented top-level variables the node has no value for.
    static let emptyNames: Set<String> = ["wafResponseCode", "webaclArn"]

    /// `$context.authorizer.*`, from what the method's authorizer left in `Invocation.authorizer`
    /// (`AuthorizerResult`): `principalId`, each Lambda `context` key and, for Cognito, `claims`
    /// (a map of the token's claims), all as strings. Empty for methods without an authorizer.
    static func authorizerMap(_ invocation: Invocation) -> VTLMap {
        guard let result = invocation.authorizer else { return VTLMap() }
        var pairs: [(String, VTLValue)] = []
        if let principal = result.principalId { pairs.append(("principalId", .string(principal))) }
        for (key, value) in result.context { pairs.append((key, .string(value))) }
        if let claims = result.claims { pairs.append(("claims", .map(VTLMap(claims.map { ($0.key, VTLValue.string($0.value)) })))) }
        return VTLMap(pairs)
    }

    func property(_ name: String) -> VTLValue? {
        switch name {
        case "requestOverride": return .map(requestOverride)
        case "responseOverride": return .map(responseOverride)
        case "identity": return .map(identity)
        case "authorizer": return .map(authorizer)
        default:
            if let value = invocation.contextVariable(name) { return .string(value) }
            return Self.emptyNames.contains(name) ? .string("") : nil
        }
    }

    var rendered: String {
        // `toString()` of API Gateway's context object is not documented; the variables as a map.
        "{apiId=\(invocation.stage.restApiId), stage=\(invocation.stage.stageName), requestId=\(invocation.identifiers.requestId)}"
    }
}
