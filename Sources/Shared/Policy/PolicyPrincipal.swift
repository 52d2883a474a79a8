/// Who makes a request, as a resource policy's `Principal` / `NotPrincipal` sees it.
///
/// `anonymous` is every caller API Gateway has not authenticated with SigV4 (methods with `NONE`,
/// a Lambda or a Cognito authorizer): only `"*"` / `{"AWS": "*"}` names it. `aws` is an IAM
/// principal (Tollgate's IAM users): named by its exact ARN, by its account's root ARN
/// (`arn:aws:iam::123456789012:root`) or by the bare account id. `other` keeps the remaining
/// principal types (`Service`, `Federated`, `CanonicalUser`) matched by type and exact value.
package enum PolicyPrincipal: Sendable, Equatable {
    case anonymous
    case aws(arn: String, account: String)
    case other(type: String, identifier: String)

    /// The caller's name in AWS's refusal messages: its ARN, or `anonymous`.
    package var displayName: String {
        switch self {
        case .anonymous: return "anonymous"
        case .aws(let arn, _): return arn
        case .other(_, let identifier): return identifier
        }
    }
}
