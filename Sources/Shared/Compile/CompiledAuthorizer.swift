/// One authorizer of a deployed stage, compiled once per stage (`StageBuilder`): what the data
/// plane's authorizer filter needs to identify, call and cache (docs/authorization.md).
///
/// Immutable and shared by every route of the stage that names it and by every event loop. The
/// identity sources are parsed, the validation expression compiled, the Lambda function resolved
/// from `authorizerUri` (stage variables substituted) and the TTL defaulted (300 s when unset).
package final class CompiledAuthorizer: Sendable {
    /// Which kind of authorizer, with what only that kind needs.
    package enum Kind: Sendable, Equatable {
        /// A TOKEN Lambda authorizer: the token is the one header of `identitySources`.
        case token
        /// A REQUEST Lambda authorizer.
        case request
        /// Cognito user pools (or a JWT issuer standing in for one): the pool ARNs the token may come from.
        case cognito(providerARNs: [String])
    }

    package let id: String
    package let name: String
    package let kind: Kind
    /// The Lambda function (name or ARN) of a TOKEN or REQUEST authorizer.
    package let function: String?
    /// Where the identity comes from, in the definition's order (the cache key's parts).
    package let identitySources: [IdentitySource]
    /// `identityValidationExpression`, anchored at both ends (AWS matches the whole token): on
    /// the token of a TOKEN authorizer, on the `aud` claim of a Cognito one; nil when unset.
    package let validationExpression: ECMARegex?
    /// `authorizerResultTtlInSeconds` (300 when unset; 0 turns caching off).
    package let ttlSeconds: Int
    /// `authorizerCredentials`: the IAM role whose keys sign the Lambda call (stage variables
    /// substituted); nil: the node's default keys.
    package let credentials: String?

    package init(id: String, name: String, kind: Kind, function: String?, identitySources: [IdentitySource],
                 validationExpression: ECMARegex?, ttlSeconds: Int, credentials: String? = nil) {
        self.credentials = credentials
        self.id = id
        self.name = name
        self.kind = kind
        self.function = function
        self.identitySources = identitySources
        self.validationExpression = validationExpression
        self.ttlSeconds = ttlSeconds
    }

    /// AWS's TTL when the definition sets none.
    package static let defaultTTLSeconds = 300

    /// Why an authorizer cannot be served; each becomes a `CompileError` naming it.
    package enum Failure: Error, Equatable, Sendable {
        case unknownType(String)
        case invalidUri(String)
        case invalidIdentitySource(String)
        case invalidValidationExpression(String)
        case missingProviderARNs
        /// `authorizerCredentials` of the `arn:aws:iam::*:user/*` form (the caller's own credentials), which Tollgate cannot sign with.
        case callerCredentials(String)
    }

    /// Compiles `authorizer` against the stage's `variables` (nil when only validating: stage
    /// variable references are then accepted without being resolved).
    package static func compile(_ authorizer: Authorizer, variables: [String: String]?) throws(Failure) -> CompiledAuthorizer {
        let kind: Kind
        switch authorizer.type {
        case "TOKEN": kind = .token
        case "REQUEST": kind = .request
        case "COGNITO_USER_POOLS":
            guard let arns = authorizer.providerARNs, !arns.isEmpty else { throw .missingProviderARNs }
            kind = .cognito(providerARNs: arns)
        default: throw .unknownType(authorizer.type)
        }
        var function: String?
        if kind == .token || kind == .request {
            let uri = authorizer.authorizerUri ?? ""
            guard let resolved = StageVariableTemplate.substitute(uri, variables: variables ?? [:], placeholder: variables == nil ? "x" : nil),
                  let name = LambdaFunctionURI.functionName(in: resolved) else { throw .invalidUri(uri) }
            function = name
        }
        let text = authorizer.identitySource ?? ""
        var sources: [IdentitySource] = []
        for part in text.split(separator: ",") {
            let trimmed = part.trimmingASCIISpaces()
            guard let source = IdentitySource(trimmed) else { throw .invalidIdentitySource(String(trimmed)) }
            sources.append(source)
        }
        switch kind {
        case .token, .cognito:
            // One header carries the token (AWS refuses anything else at CreateAuthorizer).
            guard sources.count == 1, case .header = sources[0] else { throw .invalidIdentitySource(text) }
        case .request: break
        }
        var expression: ECMARegex?
        // REQUEST authorizers have no validation expression on AWS: it is ignored there, and here.
        if kind != .request, let source = authorizer.identityValidationExpression, !source.isEmpty {
            do { expression = try ECMARegex("^(?:" + source + ")$") } catch { throw .invalidValidationExpression(source) }
        }
        var credentials: String?
        if kind != .request && kind != .token {
            credentials = nil
        } else if let role = authorizer.authorizerCredentials, !role.isEmpty {
            if role.hasPrefix("arn:"), role.contains(":iam::*:"), role.hasSuffix(":user/*") { throw .callerCredentials(role) }
            guard let resolved = StageVariableTemplate.substitute(role, variables: variables ?? [:], placeholder: variables == nil ? "x" : nil) else {
                throw .invalidUri(role)
            }
            // Left empty by stage variables: the unresolved text, which maps to no keys (fail closed, not the default keys).
            credentials = resolved.isEmpty ? role : resolved
        }
        return CompiledAuthorizer(id: authorizer.id, name: authorizer.name, kind: kind, function: function, identitySources: sources,
                                  validationExpression: expression, ttlSeconds: authorizer.authorizerResultTtlInSeconds ?? defaultTTLSeconds,
                                  credentials: credentials)
    }
}

/// One `identitySource` entry: `method.request.header.NAME`, `method.request.querystring.NAME`,
/// `stageVariables.NAME` or `context.NAME` (path parameters cannot be identity sources on AWS).
package enum IdentitySource: Sendable, Equatable {
    case header(String)
    case query(String)
    case stageVariable(String)
    case context(String)

    /// The `$context` variables an identity source may name (the data plane resolves these; any
    /// other is refused when the deployment is compiled rather than never matching).
    package static let contextNames: Set<String> = [
        "httpMethod", "resourcePath", "resourceId", "stage", "path", "domainName", "domainPrefix", "apiId", "accountId",
        "protocol", "identity.sourceIp", "identity.userAgent",
    ]

    /// Parses one entry; nil when it is none of the four forms or names nothing.
    package init?(_ text: Substring) {
        let forms: [(String, (String) -> IdentitySource)] = [
            ("method.request.header.", IdentitySource.header), ("method.request.querystring.", IdentitySource.query),
            ("stageVariables.", IdentitySource.stageVariable), ("context.", IdentitySource.context),
        ]
        for (prefix, make) in forms where text.hasPrefix(prefix) {
            let name = text.dropFirst(prefix.count)
            guard !name.isEmpty, !name.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else { return nil }
            if prefix == "context.", !Self.contextNames.contains(String(name)) { return nil }
            self = make(String(name))
            return
        }
        return nil
    }
}

extension Substring {
    /// Without leading and trailing ASCII spaces.
    func trimmingASCIISpaces() -> Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
