import Shared

/// UpdateDomainName's patch operations (all `replace`): `/certificateName`, `/certificateArn`,
/// `/regionalCertificateName`, `/regionalCertificateArn`, `/securityPolicy`, `/endpointAccessMode`,
/// `/ownershipVerificationCertificateArn`, `/policy` (PRIVATE only), `/routingMode`
/// (BASE_PATH_MAPPING_ONLY only). Uploaded certificate material cannot be patched, as on AWS.
enum DomainNamePatch {
    static let paths = ["/certificateName", "/certificateArn", "/regionalCertificateName", "/regionalCertificateArn",
                        "/securityPolicy", "/endpointAccessMode", "/ownershipVerificationCertificateArn", "/policy", "/routingMode"]

    static func apply(_ patch: PatchOperation, to domain: inout DomainName, operation: String) throws {
        guard patch.op == "replace" else { throw patch.invalidPath(mustBeOneOf: paths) }
        switch patch.path {
        case "/certificateName": domain.certificateName = patch.value
        case "/regionalCertificateName": domain.regionalCertificateName = patch.value
        case "/certificateArn", "/regionalCertificateArn", "/ownershipVerificationCertificateArn":
            let arn = try patch.requiredValue()
            guard DomainNameRules.isCertificateArn(arn) else { throw AdminError.badRequest("Invalid certificate ARN specified: \(arn)") }
            switch patch.path {
            case "/certificateArn": domain.certificateArn = arn
            case "/regionalCertificateArn": domain.regionalCertificateArn = arn
            default: domain.ownershipVerificationCertificateArn = arn
            }
        case "/securityPolicy":
            let policy = try patch.requiredValue()
            guard AdminAPI.securityPolicies.contains(policy) else {
                throw AdminError.notInEnum(policy, "securityPolicy", in: operation, allowed: AdminAPI.securityPolicies)
            }
            domain.securityPolicy = policy
        case "/endpointAccessMode":
            let mode = try patch.requiredValue()
            guard AdminAPI.endpointAccessModes.contains(mode) else {
                throw AdminError.notInEnum(mode, "endpointAccessMode", in: operation, allowed: AdminAPI.endpointAccessModes)
            }
            domain.endpointAccessMode = mode
        case "/policy":
            guard domain.endpointType == "PRIVATE" else { throw AdminError.badRequest("A policy can only be set on a PRIVATE domain name") }
            domain.policy = patch.value
        case "/routingMode":
            guard try patch.requiredValue() == "BASE_PATH_MAPPING_ONLY" else {
                throw AdminError.notImplemented("Tollgate does not implement routing rules; routingMode must be BASE_PATH_MAPPING_ONLY")
            }
        default:
            throw patch.invalidPath(mustBeOneOf: paths)
        }
    }
}
