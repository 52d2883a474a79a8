import Shared

/// An HTTP API Lambda authorizer's answer as the node keeps it (and caches it for
/// `authorizerResultTtlInSeconds`): a simple `isAuthorized`, or an IAM policy decided per route ARN,
/// with what later phases see (`exposed`: `$context.authorizer.*`, `requestContext.authorizer.lambda`).
///
/// Reading (AWS developer guide, "Lambda authorizer response format"): with `enableSimpleResponses`
/// (2.0 only) the answer must be an object whose `isAuthorized` is a boolean, `context` optional
/// (any JSON values); otherwise it is a policy answer, `principalId` and `policyDocument` as
/// REST's (`LambdaAuthorizerResult`), `context` values strings, numbers or booleans in 1.0 and
/// any JSON value in 2.0. Anything else is a configuration error (500).
final class HttpApiAuthorizerDecision: Sendable {
    enum Kind: Sendable {
        case simple(isAuthorized: Bool)
        case policy(AuthorizerRuntime.CachedLambdaResult)
    }

    let kind: Kind
    let exposed: AuthorizerResult

    init(kind: Kind, exposed: AuthorizerResult) {
        self.kind = kind
        self.exposed = exposed
    }

    /// Why an answer is unusable (each is a 500 on the HTTP API).
    enum Failure: Error, Equatable {
        case notJSON
        case notAnObject
        case isAuthorizedNotBoolean
        case contextNotAnObject
        case policy(LambdaAuthorizerResult.Failure)
    }

    /// Parses the function's payload for an authorizer of `version` (`1.0`/`2.0`) and `simple` responses.
    static func parse(_ bytes: [UInt8], version: String, simple: Bool) -> Result<HttpApiAuthorizerDecision, Failure> {
        guard bytes.count <= PolicyLimits.default.maxDocumentBytes * 2, let value = try? JSONParser.parse(bytes) else { return .failure(.notJSON) }
        guard case .object(let members) = value.keepingLastOfDuplicateKeys() else { return .failure(.notAnObject) }
        let context = members.last(where: { $0.key == "context" })?.value
        if simple {
            guard case .bool(let allowed)? = members.last(where: { $0.key == "isAuthorized" })?.value else {
                return .failure(.isAuthorizedNotBoolean)
            }
            guard let (strings, json) = Self.context(context) else { return .failure(.contextNotAnObject) }
            return .success(HttpApiAuthorizerDecision(kind: .simple(isAuthorized: allowed),
                                                      exposed: AuthorizerResult(principalId: nil, context: strings, lambdaContext: json)))
        }
        if version == "1.0" {
            let result: LambdaAuthorizerResult
            do { result = try LambdaAuthorizerResult.parse(.object(members)) } catch { return .failure(.policy(error)) }
            let json = JSONValue.object(result.context.map { ($0.key, JSONValue.string($0.value)) })
            return .success(HttpApiAuthorizerDecision(kind: .policy(AuthorizerRuntime.CachedLambdaResult(result)),
                                                      exposed: AuthorizerResult(principalId: result.principalId, context: result.context,
                                                                                lambdaContext: json)))
        }
        // 2.0 policy answer: the context may hold any JSON, so it is read here and the policy without it.
        guard let (strings, json) = Self.context(context) else { return .failure(.contextNotAnObject) }
        let policyOnly = JSONValue.object(members.filter { $0.key != "context" })
        let result: LambdaAuthorizerResult
        do { result = try LambdaAuthorizerResult.parse(policyOnly) } catch { return .failure(.policy(error)) }
        return .success(HttpApiAuthorizerDecision(kind: .policy(AuthorizerRuntime.CachedLambdaResult(result)),
                                                  exposed: AuthorizerResult(principalId: result.principalId, context: strings,
                                                                            lambdaContext: json)))
    }

    /// `context` as `$context.authorizer.KEY` strings (objects and arrays as their JSON text) and as
    /// JSON; nil when it is present but not an object. Absent or null: empty.
    static func context(_ value: JSONValue?) -> ([(key: String, value: String)], JSONValue)? {
        switch value {
        case nil, .null?: return ([], .object([]))
        case .object(let members)?:
            let strings = members.map { member -> (key: String, value: String) in
                switch member.value {
                case .string(let text): return (member.key, text)
                case .number(let number): return (member.key, JSONValue.format(number))
                case .bool(let flag): return (member.key, flag ? "true" : "false")
                case .null: return (member.key, "null")
                default: return (member.key, member.value.serialized())
                }
            }
            return (strings, .object(members))
        default: return nil
        }
    }

    /// The decision for the request to `routeArn`: a simple answer decides alone; a policy is
    /// evaluated against the route ARN (`context` built only when the policy needs request keys).
    func decision(for routeArn: String, context: () -> PolicyContext) -> PolicyDecision {
        switch kind {
        case .simple(let allowed): return allowed ? .allow : .explicitDeny
        case .policy(let cached): return cached.decision(for: routeArn, context: context)
        }
    }
}
