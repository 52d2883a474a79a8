import Shared

/// The identity-source values of one request, read in the authorizer's order (AWS's pre-check and
/// the cache key): header (first value, any case), query string (last value), stage variable, or
/// one of the `$context` variables `IdentitySource.contextNames` lists.
enum AuthorizerIdentity {
    /// The values, or nil when any source is missing or empty: AWS then answers 401 without
    /// calling the authorizer.
    static func values(_ sources: [IdentitySource], of invocation: Invocation) -> [String]? {
        var values: [String] = []
        values.reserveCapacity(sources.count)
        for source in sources {
            guard let value = value(source, of: invocation), !value.isEmpty else { return nil }
            values.append(value)
        }
        return values
    }

    static func value(_ source: IdentitySource, of invocation: Invocation) -> String? {
        switch source {
        case .header(let name): return invocation.request.headers[name]
        case .query(let name): return invocation.query.last(name)
        case .stageVariable(let name): return invocation.stage.variables[name]
        case .context(let name): return contextValue(name, of: invocation)
        }
    }

    /// `$context.NAME` for the names an identity source may use.
    static func contextValue(_ name: String, of invocation: Invocation) -> String? {
        switch name {
        case "httpMethod": return invocation.request.method.rawValue
        case "resourcePath": return invocation.route.resourcePath
        case "resourceId": return invocation.route.resourceId
        case "stage": return invocation.stage.stageName
        case "path": return invocation.contextPath
        case "domainName": return invocation.domainName
        case "domainPrefix": return invocation.domainPrefix
        case "apiId": return invocation.stage.restApiId
        case "accountId": return invocation.accountId
        case "protocol": return invocation.request.head.version.description
        case "identity.sourceIp": return invocation.connection.remoteAddress
        case "identity.userAgent": return invocation.request.headers["User-Agent"]
        default: return nil
        }
    }

    /// The method ARN the authorizer's policy is evaluated against (and the events carry): the
    /// account in full, the request's verb and path after the stage.
    static func methodArn(_ invocation: Invocation, region: String) -> String {
        ExecuteApiArn.method(region: region, account: invocation.accountId, apiId: invocation.stage.restApiId,
                             stage: invocation.stage.stageName, method: invocation.request.method.rawValue, path: invocation.path)
    }

    /// `arn:aws:execute-api:{region}:{account}:{api}/{stage}/`: the part of a method ARN fixed per stage.
    static func methodArnPrefix(region: String, account: String, stage: CompiledStage) -> String {
        ExecuteApiArn.api(region: region, account: account, apiId: stage.restApiId) + "/\(stage.stageName)/"
    }

    /// The method ARN from the stage's `prefix` (`methodArnPrefix`): one allocation per request.
    static func methodArn(_ invocation: Invocation, prefix: String) -> String {
        let verb = invocation.request.method.rawValue
        let path = invocation.path.utf8.first == UInt8(ascii: "/") ? invocation.path.dropFirst() : invocation.path[...]
        var arn = prefix
        arn.reserveCapacity(prefix.utf8.count + verb.utf8.count + 1 + path.utf8.count)
        arn += verb
        arn += "/"
        arn += path
        return arn
    }

    /// The request's condition keys for a policy with conditions: `aws:SourceIp` (the socket's
    /// peer), `aws:CurrentTime`/`aws:EpochTime`, `aws:UserAgent`, `aws:Referer`, `aws:SecureTransport`.
    static func policyContext(_ invocation: Invocation) -> PolicyContext {
        // Keys lower-cased already (`PolicyContext.normalize` made a new `String` for each mixed-case one).
        var context = PolicyContext()
        context.set("aws:sourceip", invocation.connection.remoteAddress)
        context.setTime(epochSeconds: invocation.requestTimeEpochMillis / 1000)
        if let agent = invocation.request.headers["User-Agent"] { context.set("aws:useragent", agent) }
        if let referer = invocation.request.headers["Referer"] { context.set("aws:referer", referer) }
        context.set("aws:securetransport", invocation.connection.isTLS ? "true" : "false")
        return context
    }
}
