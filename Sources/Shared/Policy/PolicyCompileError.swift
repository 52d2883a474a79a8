/// Why a policy document was refused, with the message AWS gives for it where known.
///
/// IAM answers a bad identity policy with `MalformedPolicyDocument` and a short message ("Syntax
/// errors in policy.", "Policy statement must contain actions.", …; the wording below is the one
/// moto reproduces from AWS, `moto/iam/policy_validation.py`). API Gateway answers a bad resource
/// policy on CreateRestApi/UpdateRestApi with `BadRequestException` "Invalid policy document.
/// Please check the policy syntax and ensure that Principals are valid." whatever the fault. The
/// admin API turns this into its 400; a Lambda authorizer's bad policy becomes the authorizer's
/// 500 (`AUTHORIZER_CONFIGURATION_ERROR`). `reason` is for tests and logs; `message` is the wire text.
package struct PolicyCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Reason: Equatable, Sendable {
        /// Not JSON, not an object, a wrong JSON type, an unknown element, an empty `Statement`.
        case syntax(String)
        /// A `Version` other than 2012-10-17 and 2008-10-17.
        case unsupportedVersion(String)
        /// `Effect` in the wrong case (`allow`).
        case effectCase(String)
        case missingActions
        case missingResources
        case duplicateSid(String)
        case actionWithoutVendor(String)
        case actionWithSeveralColons(String)
        case invalidVendor(String)
        case resourceNotARN(String)
        /// `Principal` / `NotPrincipal` in an identity policy.
        case principalInIdentityPolicy
        /// A resource policy statement without `Principal` or `NotPrincipal`, or a bad principal value.
        case invalidPrincipal(String)
        case unknownConditionOperator(String)
        /// A value the operator cannot compare (a bad date, CIDR, number or boolean).
        case invalidConditionValue(operator: String, value: String)
        /// Over `PolicyLimits` (document size, statements, values, pattern length).
        case limitExceeded(String)
    }

    package let reason: Reason
    /// Which kind of document was being compiled; chooses the wire message.
    package let kind: PolicyKind

    package init(_ reason: Reason, kind: PolicyKind) {
        self.reason = reason
        self.kind = kind
    }

    /// AWS's error code: `MalformedPolicyDocument` (IAM) or `BadRequestException` (API Gateway).
    package var errorCode: String { kind == .resource ? "BadRequestException" : "MalformedPolicyDocument" }

    /// The message AWS sends for this fault.
    package var message: String {
        if kind == .resource {
            return "Invalid policy document. Please check the policy syntax and ensure that Principals are valid."
        }
        switch reason {
        case .syntax, .unknownConditionOperator: return "Syntax errors in policy."
        case .unsupportedVersion: return "Syntax errors in policy."
        case .effectCase: return "The policy failed legacy parsing"
        case .missingActions: return "Policy statement must contain actions."
        case .missingResources: return "Policy statement must contain resources."
        case .duplicateSid: return "Statement IDs (SID) in a single policy must be unique."
        case .actionWithoutVendor: return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        case .actionWithSeveralColons: return "Actions/Condition can contain only one colon."
        case .invalidVendor(let vendor): return "Vendor \(vendor) is not valid"
        case .resourceNotARN(let resource): return "Resource \(resource) must be in ARN format or \"*\"."
        case .principalInIdentityPolicy: return "Policy document should not specify a principal."
        case .invalidPrincipal: return "Invalid principal in policy."
        case .invalidConditionValue(let name, _):
            return name.contains("Date") ? "The policy failed legacy parsing" : "Syntax errors in policy."
        case .limitExceeded(let what): return "Policy document exceeds a limit: \(what)."
        }
    }

    package var description: String { "\(errorCode): \(message) (\(reason))" }
}
