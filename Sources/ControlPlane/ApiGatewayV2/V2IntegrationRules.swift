import Shared

/// What an `apigatewayv2` integration may be, as AWS accepts it, with its defaults filled. Pure.
///
/// HTTP APIs take HTTP_PROXY (an `http(s)://` URL and a method; payload 1.0) and AWS_PROXY (a Lambda
/// function, payload 1.0 or 2.0, required as the SDKs must send it); WebSocket APIs also take AWS,
/// HTTP and MOCK. Timeouts: 50–30000 ms for HTTP APIs (default 30000), 50–29000 for WebSocket
/// (default 29000). Not built yet, so refused with 501 rather than stored unenforced: VPC links
/// (`connectionType: VPC_LINK`, `tlsConfig`) and AWS service integrations (`integrationSubtype`).
enum V2IntegrationRules {
    /// `integration` with its defaults when valid for an API of `protocolType`, else AWS's 400 (501
    /// for what Tollgate does not build).
    static func checked(_ integration: V2Integration, protocolType: String) throws(AdminError) -> V2Integration {
        var result = integration
        let isHTTP = protocolType == "HTTP"
        let type = integration.integrationType
        guard V2Integration.types.contains(type) else {
            throw .badRequest("Invalid integrationType: \(type). Must be one of [\(V2Integration.types.joined(separator: ", "))]")
        }
        if isHTTP, !V2Integration.httpTypes.contains(type) {
            throw .badRequest("Integration type \(type) is supported only for WebSocket APIs; HTTP APIs take HTTP_PROXY or AWS_PROXY")
        }
        if integration.integrationSubtype != nil {
            throw .notImplemented("Tollgate does not implement AWS service integrations (integrationSubtype) yet")
        }
        switch integration.connectionType {
        case "INTERNET": break
        case "VPC_LINK": throw .notImplemented("Tollgate does not implement private integrations (connectionType VPC_LINK) for apigatewayv2 yet")
        default: throw .badRequest("Invalid connectionType: \(integration.connectionType). Must be one of [INTERNET, VPC_LINK]")
        }
        if integration.connectionId != nil || integration.tlsConfig != nil {
            throw .badRequest("connectionId and tlsConfig apply only to private integrations (connectionType VPC_LINK)")
        }
        if isHTTP {
            for (member, present) in [("requestTemplates", integration.requestTemplates != nil),
                                      ("templateSelectionExpression", integration.templateSelectionExpression != nil),
                                      ("passthroughBehavior", integration.passthroughBehavior != nil),
                                      ("contentHandlingStrategy", integration.contentHandlingStrategy != nil),
                                      ("integrationResponseSelectionExpression", integration.integrationResponseSelectionExpression != nil)]
            where present {
                throw .badRequest("\(member) is supported only for WebSocket APIs")
            }
        }
        let maximumTimeout = isHTTP ? 30_000 : 29_000
        guard (50...maximumTimeout).contains(integration.timeoutInMillis) else {
            throw .badRequest("Invalid timeoutInMillis: \(integration.timeoutInMillis). Must be between 50 and \(maximumTimeout)")
        }
        switch type {
        case "HTTP_PROXY", "HTTP":
            guard let uri = integration.integrationUri, isHTTPURL(uri) else {
                throw .badRequest("Invalid integrationUri: an HTTP integration needs an http:// or https:// URL")
            }
            guard let method = integration.integrationMethod ?? (isHTTP ? nil : "POST") else {
                throw .badRequest("Invalid input: integrationMethod is required for an HTTP_PROXY integration")
            }
            guard V2RouteKey.methods.contains(method) else { throw .badRequest("Invalid integrationMethod: \(method)") }
            result.integrationMethod = method
            try checkPayloadFormat(&result, allowed: ["1.0"], required: false)
        case "AWS_PROXY", "AWS":
            guard let uri = integration.integrationUri, isLambdaTarget(uri) else {
                throw .badRequest("Invalid integrationUri: an AWS_PROXY integration needs a Lambda function ARN or invocation URI")
            }
            if let method = integration.integrationMethod, method != "POST" {
                throw .badRequest("Invalid integrationMethod: a Lambda integration is invoked with POST")
            }
            result.integrationMethod = "POST"
            try checkPayloadFormat(&result, allowed: isHTTP ? ["1.0", "2.0"] : ["1.0"], required: isHTTP)
        default:  // MOCK (WebSocket)
            guard integration.integrationUri == nil else { throw .badRequest("A MOCK integration takes no integrationUri") }
            try checkPayloadFormat(&result, allowed: ["1.0"], required: false)
        }
        if let arn = integration.credentialsArn, !isCredentialsArn(arn) {
            throw .badRequest("Invalid credentialsArn: \(arn). Must be an IAM role ARN or arn:aws:iam::*:user/*")
        }
        // A mapping with an empty value is not stored (an update sends one to remove that mapping).
        result.requestParameters = integration.requestParameters?.filter { !$0.value.isEmpty }
        result.responseParameters = integration.responseParameters?.mapValues { $0.filter { !$0.value.isEmpty } }
        if isHTTP {
            for key in (integration.requestParameters ?? [:]).keys where !isHTTPRequestMapping(key) {
                throw .badRequest("Invalid mapping expression specified: \(key)")
            }
            for (status, mappings) in integration.responseParameters ?? [:] {
                guard let code = Int(status), (200...599).contains(code) else { throw .badRequest("Invalid status code in responseParameters: \(status)") }
                for key in mappings.keys where !isHTTPResponseMapping(key) {
                    throw .badRequest("Invalid mapping expression specified: \(key)")
                }
            }
            // Values, reserved headers and static status codes: the nodes' compiler, so what is saved is what they apply.
            do {
                _ = try HttpParameterMapping.compile(request: result.requestParameters, response: result.responseParameters)
            } catch {
                throw .badRequest(error.message)
            }
        }
        return result
    }

    /// The integration timeout default for an API of `protocolType`.
    static func defaultTimeout(protocolType: String) -> Int {
        protocolType == "HTTP" ? 30_000 : 29_000
    }

    private static func checkPayloadFormat(_ integration: inout V2Integration, allowed: [String], required: Bool) throws(AdminError) {
        guard let version = integration.payloadFormatVersion else {
            if required { throw .badRequest("Invalid input: payloadFormatVersion is required for a Lambda integration of an HTTP API (1.0 or 2.0)") }
            integration.payloadFormatVersion = "1.0"
            return
        }
        guard allowed.contains(version) else {
            throw .badRequest("Invalid payloadFormatVersion: \(version). Must be one of [\(allowed.joined(separator: ", "))]")
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !text.contains(" ")
        }
        return false
    }

    /// A Lambda function ARN (`arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]`) or
    /// API Gateway's invocation URI for one (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`).
    static func isLambdaTarget(_ text: String) -> Bool {
        if text.hasPrefix("arn:aws:apigateway:"), let range = text.range(of: ":lambda:path/2015-03-31/functions/"),
           text.hasSuffix("/invocations") {
            let inner = text[range.upperBound...].dropLast("/invocations".count)
            return isLambdaFunctionArn(String(inner))
        }
        return isLambdaFunctionArn(text)
    }

    static func isLambdaFunctionArn(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7 || parts.count == 8, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "lambda",
              !parts[3].isEmpty, parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5] == "function", !parts[6].isEmpty
        else { return false }
        return parts[6].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            && (parts.count == 7 || !parts[7].isEmpty)
    }

    static func isCredentialsArn(_ text: String) -> Bool {
        if text == "arn:aws:iam::*:user/*" { return true }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4].count == 12 && parts[5].hasPrefix("role/")
            && parts[5].count > 5
    }

    /// `append|overwrite|remove:header.{name}`, `append|overwrite|remove:querystring.{name}`, `overwrite:path`.
    static func isHTTPRequestMapping(_ key: String) -> Bool {
        if key == "overwrite:path" { return true }
        return hasNamedTarget(key, kinds: ["header.", "querystring."])
    }

    /// `append|overwrite|remove:header.{name}`, `overwrite:statuscode`.
    static func isHTTPResponseMapping(_ key: String) -> Bool {
        key == "overwrite:statuscode" || hasNamedTarget(key, kinds: ["header."])
    }

    private static func hasNamedTarget(_ key: String, kinds: [String]) -> Bool {
        let parts = key.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, ["append", "overwrite", "remove"].contains(parts[0]) else { return false }
        for kind in kinds where parts[1].hasPrefix(kind) {
            let name = parts[1].dropFirst(kind.count)
            return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
        return false
    }
}
