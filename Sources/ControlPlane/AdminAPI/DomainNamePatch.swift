import Shared

/// UpdateDomainName's patch operations (all `replace`): `/certificateName`, `/certificateArn`,
/// `/regionalCertificateName`, `/regionalCertificateArn`, `/securityPolicy`, `/endpointAccessMode`,
/// `/ownershipVerificationCertificateArn`, `/policy` (PRIVATE only), `/routingMode`
/// (BASE_PATH_MAPPING_ONLY only). **Tollgate extension:** `/certificateBody`,
/// `/certificatePrivateKey` and `/certificateChain` replace the uploaded certificate (body and key
/// together, in one call), since there is no ACM whose ARN could name a new one; AWS rotates by
/// `/certificateArn` and has no such paths.
enum DomainNamePatch {
    static let certificatePaths: Set<String> = ["/certificateBody", "/certificatePrivateKey", "/certificateChain"]

    /// The certificate a call's certificate patches upload, checked as CreateDomainName checks one
    /// (`DomainNameRules.uploadedCertificate`): body and key both required.
    static func uploadedCertificate(_ patches: [PatchOperation], now: Int64) throws -> DomainCertificate {
        var fields: [String: String] = [:]
        for patch in patches {
            guard patch.op == "replace" else { throw patch.invalidPath(mustBeOneOf: paths + certificatePaths.sorted()) }
            fields[patch.path] = try patch.requiredValue()
        }
        guard fields["/certificateBody"] != nil, fields["/certificatePrivateKey"] != nil else {
            throw AdminError.badRequest("/certificateBody and /certificatePrivateKey must be replaced together")
        }
        guard let certificate = try DomainNameRules.uploadedCertificate(
            body: fields["/certificateBody"], privateKey: fields["/certificatePrivateKey"], chain: fields["/certificateChain"], now: now) else {
            throw AdminError.badRequest("/certificateBody and /certificatePrivateKey must be replaced together")
        }
        return certificate
    }

    /// Mutual TLS (`AdminAPI.domainNameHandlers`, `DomainTruststoreRules`).
    static let mutualTlsPaths: Set<String> = ["/mutualTlsAuthentication/truststoreUri", "/mutualTlsAuthentication/truststoreVersion"]

    /// What the call's mutual TLS patches ask for: the URI (and version) to read, or nil to turn
    /// mutual TLS off (`replace` of `/mutualTlsAuthentication/truststoreUri` with an empty value,
    /// or `remove`). A version alone re-reads the current URI at that version (refused later:
    /// `truststoreVersion` is an S3 object version).
    static func mutualTlsAuthentication(_ patches: [PatchOperation], current: MutualTlsAuthentication?) throws -> MutualTlsAuthentication? {
        var uri = current?.truststoreUri
        var version: String?
        for patch in patches {
            switch (patch.op, patch.path) {
            case ("replace", "/mutualTlsAuthentication/truststoreUri"): uri = patch.value
            case ("remove", "/mutualTlsAuthentication/truststoreUri"): uri = nil
            case ("replace", "/mutualTlsAuthentication/truststoreVersion"): version = patch.value
            default: throw patch.invalidPath(mustBeOneOf: paths + certificatePaths.sorted() + mutualTlsPaths.sorted())
            }
        }
        guard let uri, !uri.isEmpty else {
            if version != nil { throw AdminError.badRequest("truststoreVersion needs a truststoreUri") }
            return nil
        }
        return MutualTlsAuthentication(truststoreUri: uri, truststoreVersion: version?.isEmpty == true ? nil : version)
    }

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
            try AdminAPI.requireServedSecurityPolicy(policy)
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
            throw patch.invalidPath(mustBeOneOf: paths + certificatePaths.sorted() + mutualTlsPaths.sorted())
        }
    }
}
