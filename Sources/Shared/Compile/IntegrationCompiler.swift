/// Compiles one method's `Integration` for a stage: checks it and resolves what can be resolved
/// ahead of requests (target URL or function, mapping expressions, response selection).
///
/// Problems with the definition itself throw `CompileError`. Problems that only a particular stage's
/// variables cause (an unparsable URI after substitution) compile to `Target.misconfigured`, so one
/// stage's bad variable never blocks a whole snapshot; such requests get a 500, as on AWS.
struct IntegrationCompiler {
    static let validVerbs: Set<String> = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"]
    static let placeholder = "stagevariable"

    let ref: CompileError.MethodRef
    let context: StageContext

    func compile(_ integration: Integration, patterns: inout SelectionPatternCache) throws(CompileError) -> CompiledIntegration {
        guard let kind = CompiledIntegration.Kind(rawValue: integration.type) else {
            throw .unsupportedIntegration(ref, reason: "Invalid integration type specified: \(integration.type)")
        }
        if kind == .aws, !(integration.requestParameters ?? [:]).isEmpty, !Self.isServiceURI(integration.uri) {
            // AWS maps them to Invoke API headers (`X-Amz-Invocation-Type`, `X-Amz-Client-Context`);
            // Tollgate always invokes synchronously, so a mapping would be silently dropped.
            throw .unsupportedIntegration(ref, reason: "requestParameters on Lambda custom (AWS) integrations are not supported by Tollgate")
        }
        if kind == .awsProxy, integration.contentHandling == "CONVERT_TO_BINARY" {
            // The proxy event is JSON: a binary body already travels base64-encoded in it
            // (CONVERT_TO_TEXT is what it does anyway); decoding a text body to bytes has no place there.
            throw .unsupportedIntegration(ref, reason: "contentHandling CONVERT_TO_BINARY is not supported on AWS_PROXY integrations by Tollgate")
        }
        guard (50...300_000).contains(integration.timeoutInMillis) else {
            throw .invalidTimeout(ref, millis: integration.timeoutInMillis)
        }
        let verb = try integrationVerb(integration, kind: kind)
        if context.checksDefinition {
            // The definition's own check of the target (stage variables as placeholders) first, as
            // `SnapshotCompiler.validate` would run it, then the target as this stage resolves it.
            _ = try IntegrationCompiler(ref: ref, context: .validationOnly).target(integration, kind: kind, verb: verb)
        }
        var target = try target(integration, kind: kind, verb: verb)
        var vpcLink: CompiledVpcLink?
        if integration.connectionType == "VPC_LINK" {
            switch try self.vpcLink(integration, kind: kind) {
            case .success(let link): vpcLink = link
            case .failure(let problem): if case .http = target { target = .misconfigured(reason: problem.reason) }
            }
        }
        let passthrough = CompiledIntegration.PassthroughBehavior(rawValue: integration.passthroughBehavior ?? "WHEN_NO_MATCH") ?? .whenNoMatch
        // Proxy integrations ignore integration responses at runtime, but they are still checked.
        // Only Lambda matches `selectionPattern` against an error message; AWS services and HTTP match the status.
        let matchesErrorMessage = kind == .aws && !Self.isServiceURI(integration.uri)
        let declared = try responseTable(integration.integrationResponses ?? [:], patterns: &patterns, matchesErrorMessage: matchesErrorMessage)
        let responses = kind.isProxy ? IntegrationResponseTable.empty : declared
        return CompiledIntegration(
            kind: kind, httpMethod: verb == "ANY" ? nil : verb, target: target,
            requestParameters: try requestParameters(integration.requestParameters ?? [:]),
            requestTemplates: try requestTemplates(integration.requestTemplates ?? [:]),
            passthroughBehavior: passthrough, contentHandling: integration.contentHandling,
            timeoutMillis: integration.timeoutInMillis, responses: responses,
            credentials: kind == .aws || kind == .awsProxy ? try credentials(integration.credentials) : nil,
            insecureSkipVerification: integration.tlsConfig?.insecureSkipVerification ?? false, vpcLink: vpcLink)
    }

    /// The VPC link an `HTTP`/`HTTP_PROXY` integration with `connectionType: VPC_LINK` connects
    /// through: `connectionId` (stage variables substituted) looked up in the snapshot's links.
    /// Throws for what is wrong with the definition itself (another type, no `connectionId`); a link
    /// this stage cannot use (unknown, or a target that is not `host:port`) is a failure reason the
    /// caller turns into `Target.misconfigured`, so requests get AWS's 500 and the node logs why.
    private func vpcLink(_ integration: Integration, kind: CompiledIntegration.Kind) throws(CompileError) -> Result<CompiledVpcLink?, VpcLinkProblem> {
        guard kind == .http || kind == .httpProxy else {
            throw .unsupportedIntegration(ref, reason: "connectionType VPC_LINK is only supported on HTTP and HTTP_PROXY integrations")
        }
        guard let connectionId = integration.connectionId, !connectionId.isEmpty else {
            throw .unsupportedIntegration(ref, reason: "connectionId is required when connectionType is VPC_LINK")
        }
        guard let id = try substitute(connectionId) else {
            return .failure(VpcLinkProblem("VPC link id is empty after stage variables: \(connectionId)"))
        }
        if context.isValidationOnly { return .success(nil) }
        guard let targets = context.vpcLinks[id] else { return .failure(VpcLinkProblem("VPC link \(id) not found")) }
        guard let link = CompiledVpcLink(id: id, targetArns: targets) else {
            return .failure(VpcLinkProblem("VPC link \(id) has a target Tollgate cannot connect to (targets must be host:port): \(targets.joined(separator: ", "))"))
        }
        return .success(link)
    }

    /// Why a stage cannot use its integration's VPC link (for the node's log).
    struct VpcLinkProblem: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Whether `uri` is an AWS service ARN other than Lambda's (`arn:…:{service}:action|path/…`):
    /// an `AWS` integration with one is a service integration, any other is a Lambda custom integration.
    static func isServiceURI(_ uri: String?) -> Bool {
        guard let uri, uri.hasPrefix("arn:") else { return false }
        return LambdaFunctionURI.functionName(in: uri) == nil && ASCIISearch.firstRange(of: ":lambda:", in: uri) == nil
    }

    /// The role of an `AWS`/`AWS_PROXY` integration, stage variables substituted (nil when unset or
    /// empty in the definition). `arn:aws:iam::*:user/*` (call with the caller's own credentials) is refused: Tollgate
    /// holds no caller's secret to sign with, and signing with other keys would widen the caller's rights.
    private func credentials(_ role: String?) throws(CompileError) -> String? {
        guard let role, !role.isEmpty else { return nil }
        if role.hasSuffix(":user/*"), role.hasPrefix("arn:"), role.contains(":iam::*:") {
            throw .unsupportedIntegration(ref, reason: "Integration credentials \(role) (call with the caller's own credentials) are not supported by Tollgate; name an IAM role mapped in the nodes' --aws-credentials file")
        }
        // A role that stage variables leave empty keeps its unresolved text: it maps to no keys, so
        // the call fails closed instead of falling back to the default keys.
        return try substitute(role) ?? role
    }

    // MARK: - Target

    private func integrationVerb(_ integration: Integration, kind: CompiledIntegration.Kind) throws(CompileError) -> String? {
        guard kind != .mock else { return nil }
        guard let verb = integration.httpMethod, !verb.isEmpty else { throw .missingIntegrationHttpMethod(ref) }
        guard Self.validVerbs.contains(verb) else { throw .invalidIntegrationHttpMethod(ref, method: verb) }
        return verb
    }

    private func target(_ integration: Integration, kind: CompiledIntegration.Kind, verb: String?) throws(CompileError) -> CompiledIntegration.Target {
        switch kind {
        case .mock:
            return .mock
        case .http, .httpProxy:
            guard let uri = integration.uri, !uri.isEmpty else { throw .invalidHttpEndpoint(ref, uri: "") }
            guard let resolved = try substitute(uri) else {
                return .misconfigured(reason: "Invalid HTTP endpoint after stage variables: \(uri)")
            }
            guard let endpoint = HTTPEndpoint.parse(resolved) else {
                if context.isValidationOnly || !StageVariableTemplate.hasReferences(uri) { throw .invalidHttpEndpoint(ref, uri: uri) }
                return .misconfigured(reason: "Invalid HTTP endpoint after stage variables: \(resolved)")
            }
            return .http(endpoint)
        case .aws where Self.isServiceURI(integration.uri):
            return try serviceTarget(integration)
        case .aws:
            fallthrough
        case .awsProxy:
            guard let uri = integration.uri, !uri.isEmpty else { throw .invalidLambdaUri(ref, uri: "") }
            guard let resolved = try substitute(uri), let function = LambdaFunctionURI.functionName(in: resolved) else {
                if context.isValidationOnly || !StageVariableTemplate.hasReferences(uri) { throw .invalidLambdaUri(ref, uri: uri) }
                return .misconfigured(reason: "Invalid Lambda function URI after stage variables: \(uri)")
            }
            guard verb == "POST" else {
                return .misconfigured(reason: "The '\(kind.rawValue)' Lambda integration can only be used with the POST integration method")
            }
            return .lambda(function: function)
        }
    }

    /// An AWS service integration's target; a service, or a style of one, that Tollgate does not
    /// call is refused with the service named.
    private func serviceTarget(_ integration: Integration) throws(CompileError) -> CompiledIntegration.Target {
        let uri = integration.uri ?? ""
        guard let resolved = try substitute(uri) else {
            return .misconfigured(reason: "Invalid AWS service integration URI after stage variables: \(uri)")
        }
        do {
            return .awsService(try AWSServiceTarget.parse(resolved))
        } catch .unsupportedService(let service) {
            throw .unsupportedIntegration(ref, reason: "AWS service integrations for service '\(service)' are not supported by Tollgate (supported: \(AWSServiceProtocol.supportedNames))")
        } catch .unsupportedSubdomain(let service) {
            throw .unsupportedIntegration(ref, reason: "AWS service integrations with a subdomain ({subdomain}.\(service)) are not supported by Tollgate (only S3's bucket subdomain is)")
        } catch .unsupportedActionStyle(let service) {
            throw .unsupportedIntegration(ref, reason: "Action-style AWS integrations for service '\(service)' are not supported by Tollgate; use its path style (…:\(service):path/…)")
        } catch {
            if context.isValidationOnly || !StageVariableTemplate.hasReferences(uri) {
                throw .unsupportedIntegration(ref, reason: "Invalid AWS service integration URI: \(uri)")
            }
            return .misconfigured(reason: "Invalid AWS service integration URI after stage variables: \(resolved)")
        }
    }

    /// Substitutes stage variables; nil when the result is empty on a real stage.
    private func substitute(_ text: String) throws(CompileError) -> String? {
        let placeholder = context.isValidationOnly ? Self.placeholder : nil
        guard let result = StageVariableTemplate.substitute(text, variables: context.variables, placeholder: placeholder) else {
            throw .invalidStageVariableReference(ref, text: text)
        }
        return result.isEmpty ? nil : result
    }

    // MARK: - Mappings

    private func requestParameters(_ parameters: [String: String]) throws(CompileError) -> [RequestParameterMapping] {
        var mappings: [RequestParameterMapping] = []
        for (key, expression) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let target = ParameterMappingParser.requestTarget(key) else { throw .invalidMappingTarget(ref, parameter: key) }
            let source = try mappingSource(expression, parameter: key, parse: ParameterMappingParser.requestSource)
            mappings.append(RequestParameterMapping(target: target, source: source))
        }
        return mappings
    }

    /// The source `parse` reads from the value side of `parameter`'s mapping; refuses an expression
    /// that does not parse and a literal holding CR, LF or NUL (it could never be a header value).
    private func mappingSource(
        _ expression: String, parameter: String, parse: (String) -> MappingSource?
    ) throws(CompileError) -> MappingSource {
        guard let source = parse(expression) else {
            throw .invalidMappingExpression(ref, parameter: parameter, expression: expression)
        }
        if case .literal(let text) = source, text.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            throw .invalidMappingExpression(ref, parameter: parameter, expression: expression)
        }
        if source.bodyPath != nil, source.compiledBodyPath == nil {
            throw .invalidMappingExpression(ref, parameter: parameter, expression: expression)
        }
        return source
    }

    private func requestTemplates(_ templates: [String: String]) throws(CompileError) -> [CompiledIntegration.RequestTemplate] {
        var compiled: [CompiledIntegration.RequestTemplate] = []
        for (key, source) in templates.sorted(by: { $0.key < $1.key }) {
            let template = try mappingTemplate(key, source)
            compiled.append(CompiledIntegration.RequestTemplate(
                template: template, mockStatusCode: template.staticOutput == nil ? nil : MappingTemplate.declaredStatusCode(in: source)))
        }
        return compiled.sorted { $0.contentType < $1.contentType }
    }

    /// Compiles one template; a syntax error is a deployment error naming the content type and position.
    private func mappingTemplate(_ contentType: String, _ source: String) throws(CompileError) -> MappingTemplate {
        do {
            return try MappingTemplate(contentType: contentType.lowercased(), source: source)
        } catch {
            throw .invalidMappingTemplate(ref, contentType: contentType, error: error)
        }
    }

    /// `matchesErrorMessage`: Lambda custom integrations match `selectionPattern` against the
    /// function's `errorMessage` rather than a status code.
    private func responseTable(_ declared: [String: IntegrationResponse], patterns: inout SelectionPatternCache,
                               matchesErrorMessage: Bool) throws(CompileError) -> IntegrationResponseTable {
        var responses: [CompiledIntegrationResponse] = []
        for (key, response) in declared.sorted(by: { $0.key < $1.key }) {
            let text = response.statusCode.isEmpty ? key : response.statusCode
            guard text.utf8.count == 3, let status = Int(text), (100...599).contains(status) else {
                throw .invalidStatusCode(ref, statusCode: text)
            }
            var matches = StatusCodeSet()
            var errorPattern: ErrorMessagePattern?
            if let pattern = response.selectionPattern, !pattern.isEmpty {
                if matchesErrorMessage {
                    guard let compiled = ErrorMessagePattern(pattern) else {
                        throw .invalidSelectionPattern(ref, statusCode: text, pattern: pattern)
                    }
                    errorPattern = compiled
                } else {
                    guard let set = patterns.statusCodes(matching: pattern) else {
                        throw .invalidSelectionPattern(ref, statusCode: text, pattern: pattern)
                    }
                    matches = set
                }
            }
            var parameters: [ResponseParameterMapping] = []
            for (name, expression) in (response.responseParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let header = ParameterMappingParser.responseHeader(name) else { throw .invalidMappingTarget(ref, parameter: name) }
                let source = try mappingSource(expression, parameter: name, parse: ParameterMappingParser.responseSource)
                parameters.append(ResponseParameterMapping(header: header, source: source))
            }
            var templates: [MappingTemplate] = []
            for (contentType, source) in (response.responseTemplates ?? [:]).sorted(by: { $0.key < $1.key }) {
                templates.append(try mappingTemplate(contentType, source))
            }
            templates.sort { $0.contentType < $1.contentType }
            responses.append(CompiledIntegrationResponse(
                statusCode: status, selectionPattern: response.selectionPattern, matches: matches, errorPattern: errorPattern,
                responseParameters: parameters, responseTemplates: templates, contentHandling: response.contentHandling))
        }
        return IntegrationResponseTable(responses: responses)
    }
}
