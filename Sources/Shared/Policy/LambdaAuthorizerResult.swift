/// What a REST API's Lambda authorizer returned, checked and compiled once (and cacheable).
///
/// The output shape ("Output from an API Gateway Lambda authorizer"): an object with
/// `principalId` (string) and `policyDocument` (an IAM policy whose statements name
/// `execute-api:Invoke` on method ARNs), optionally `context` (string, number and boolean values,
/// exposed to templates as strings: `1` → `"1"`, `true` → `"true"`) and `usageIdentifierKey` (the
/// API key when the API's key source is `AUTHORIZER`). Anything else — no principal, no policy,
/// a policy the compiler refuses, an object or array in `context` — is the authorizer's fault:
/// API Gateway answers 500 `AUTHORIZER_CONFIGURATION_ERROR` (`Failure`). The compiled policy is
/// evaluated per request against that request's method ARN (`decision(for:)`), so a cached result
/// answers later requests to other methods exactly as AWS's cached policy does.
package struct LambdaAuthorizerResult: Sendable, Equatable {
    /// Why an authorizer's output is unusable; every case is a 500 `AUTHORIZER_CONFIGURATION_ERROR`.
    package enum Failure: Error, Equatable, Sendable {
        case notJSON
        case notAnObject
        case missingPrincipalId
        case missingPolicyDocument
        case invalidPolicy(PolicyCompileError)
        case invalidContextValue(key: String)
        case invalidUsageIdentifierKey
    }

    package let principalId: String
    package let policy: CompiledPolicy
    /// `context`, values as the strings templates see, in the function's order.
    package let context: [(key: String, value: String)]
    package let usageIdentifierKey: String?

    /// Parses the function's response payload.
    package static func parse(_ bytes: [UInt8], limits: PolicyLimits = .default) throws(Failure) -> LambdaAuthorizerResult {
        guard bytes.count <= limits.maxDocumentBytes * 2 else { throw .notJSON }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .notJSON }
        return try parse(value.keepingLastOfDuplicateKeys(), limits: limits)
    }

    /// Checks an already parsed response.
    package static func parse(_ value: JSONValue, limits: PolicyLimits = .default) throws(Failure) -> LambdaAuthorizerResult {
        guard case .object = value else { throw .notAnObject }
        guard case .string(let principalId)? = value["principalId"] else { throw .missingPrincipalId }
        guard let document = value["policyDocument"], case .object = document else { throw .missingPolicyDocument }
        let policy: CompiledPolicy
        do {
            policy = try PolicyCompiler.compile(document, kind: .authorizer, limits: limits)
        } catch {
            throw .invalidPolicy(error)
        }
        var context: [(key: String, value: String)] = []
        switch value["context"] {
        case nil, .null?: break
        case .object(let members)?:
            for (key, entry) in members {
                switch entry {
                case .string(let text): context.append((key, text))
                case .number(let number): context.append((key, JSONValue.format(number)))
                case .bool(let flag): context.append((key, flag ? "true" : "false"))
                default: throw .invalidContextValue(key: key)
                }
            }
        default: throw .invalidContextValue(key: "")
        }
        var usageIdentifierKey: String?
        switch value["usageIdentifierKey"] {
        case nil, .null?: break
        case .string(let key)?: usageIdentifierKey = key
        default: throw .invalidUsageIdentifierKey
        }
        return LambdaAuthorizerResult(principalId: principalId, policy: policy, context: context, usageIdentifierKey: usageIdentifierKey)
    }

    /// The returned policy's decision for the method ARN `methodArn` (the caller is anonymous to
    /// IAM: the authorizer, not SigV4, identified it). `context` carries the request's condition keys.
    package func decision(for methodArn: String, context: PolicyContext = PolicyContext()) -> PolicyDecision {
        policy.evaluate(PolicyRequest(principal: .anonymous, action: ExecuteApiArn.invokeAction, resource: methodArn, context: context))
    }

    package static func == (lhs: LambdaAuthorizerResult, rhs: LambdaAuthorizerResult) -> Bool {
        lhs.principalId == rhs.principalId && lhs.policy == rhs.policy && lhs.usageIdentifierKey == rhs.usageIdentifierKey
            && lhs.context.count == rhs.context.count && zip(lhs.context, rhs.context).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
