import Shared

/// Custom domain names: CreateDomainName, GetDomainName(s), UpdateDomainName, DeleteDomainName.
/// Base path mappings are in `AdminAPI+BasePathMappings`, access associations in
/// `AdminAPI+DomainAccessAssociations`. Nodes route by domain name, so every change here bumps the
/// revision (`ConfigTransaction+DomainNames`; `docs/compatibility.md`, Domains and TLS).
extension AdminAPI {
    /// Domain names, by `domain_name` (a PRIVATE one also by the `domainNameId` query parameter).
    static let domainNames = AdminResource<Void, DomainName>(label: "domain_name", notFound: "Invalid domain name identifier specified") {
        tx, name in try tx.domainName(name)
    }

    static let domainNameHandlers: [String: Handler] = [
        "CreateDomainName": { try $0.createDomainName(&$1, $2) },
        "GetDomainNames": domainNames.listHandler { _, call, tx in
            // One account owns every domain name here: none is shared by another account.
            let owner = call.queryValue("resourceOwner") ?? "SELF"
            guard ["SELF", "OTHER_ACCOUNTS"].contains(owner) else {
                throw AdminError.notInEnum(owner, "resourceOwner", in: call.operation.name, allowed: ["SELF", "OTHER_ACCOUNTS"])
            }
            return owner == "SELF" ? try tx.domainNames() : []
        },
        "GetDomainName": { api, call, tx in try .json(api.requireDomainName(call, tx)) },
        "UpdateDomainName": { api, call, tx in
            var domain = try api.requireDomainName(call, tx)
            // Tollgate's certificate rotation (no ACM to name a new certificate by ARN): the
            // three uploaded fields replaced together, checked as CreateDomainName checks them.
            let patches = try call.patchOperations()
            let rotation = patches.filter { DomainNamePatch.certificatePaths.contains($0.path) }
            let mutual = patches.filter { DomainNamePatch.mutualTlsPaths.contains($0.path) }
            for patch in patches where !DomainNamePatch.certificatePaths.contains(patch.path) && !DomainNamePatch.mutualTlsPaths.contains(patch.path) {
                try DomainNamePatch.apply(patch, to: &domain, operation: call.operation.name)
            }
            if !rotation.isEmpty {
                let uploaded = try DomainNamePatch.uploadedCertificate(rotation, now: call.now)
                try tx.updateDomainCertificate(domain.domainName, uploaded)
                domain.certificateUploadDate = call.now
            }
            // Mutual TLS: a truststoreUri patch (re)reads the bundle, an empty one turns it off;
            // whatever else the call changed, a domain left with mutual TLS must still qualify.
            var truststore: DomainTruststoreRules.Truststore?
            if !mutual.isEmpty {
                let requested = try DomainNamePatch.mutualTlsAuthentication(mutual, current: domain.mutualTlsAuthentication)
                if let requested {
                    truststore = try DomainTruststoreRules.truststore(requested, now: call.now)
                    domain.mutualTlsAuthentication = MutualTlsAuthentication(truststoreUri: requested.truststoreUri,
                                                                             truststoreWarnings: truststore?.warnings)
                } else {
                    domain.mutualTlsAuthentication = nil
                    try tx.updateDomainTruststore(domain.domainName, nil)
                }
            }
            if domain.mutualTlsAuthentication != nil {
                try DomainTruststoreRules.requireEligible(endpointType: domain.endpointType, securityPolicy: domain.securityPolicy,
                                                          hasUploadedCertificate: try tx.domainCertificate(domain.domainName) != nil)
            }
            if let truststore { try tx.updateDomainTruststore(domain.domainName, truststore.pem) }
            try tx.updateDomainName(domain)
            return try .json(domain)
        },
        "DeleteDomainName": { api, call, tx in
            let domain = try api.requireDomainName(call, tx)
            _ = try tx.deleteDomainName(domain.domainName)
            return .empty
        },
    ]

    /// Body of CreateDomainName.
    struct CreateDomainNameInput: Decodable {
        var domainName: String?
        var certificateName: String?
        var certificateBody: String?
        var certificatePrivateKey: String?
        var certificateChain: String?
        var certificateArn: String?
        var regionalCertificateName: String?
        var regionalCertificateArn: String?
        var endpointConfiguration: EndpointConfigurationInput?
        var tags: [String: String]?
        var securityPolicy: String?
        var endpointAccessMode: String?
        var mutualTlsAuthentication: MutualTlsAuthentication?
        var ownershipVerificationCertificateArn: String?
        var policy: String?
        var routingMode: String?
    }

    static let securityPolicies = ["TLS_1_0", "TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
                                   "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
                                   "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_PQ_2025_09",
                                   "SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_2025_EDGE",
                                   "SecurityPolicy_TLS12_PFS_2025_EDGE", "SecurityPolicy_TLS12_2018_EDGE"]
    /// AWS's enhanced `SecurityPolicy_*` policies are valid values the TLS listener does not
    /// enforce (their cipher sets, FIPS and post-quantum groups): refused rather than ignored.
    static func requireServedSecurityPolicy(_ policy: String) throws(AdminError) {
        guard TLSSecurityPolicy(apiGatewayName: policy) != nil else {
            throw .notImplemented("Tollgate serves securityPolicy TLS_1_0 and TLS_1_2 only, not \(policy)")
        }
    }
    static let routingModes = ["BASE_PATH_MAPPING_ONLY", "ROUTING_RULE_ONLY", "ROUTING_RULE_THEN_BASE_PATH_MAPPING"]
    static let endpointAccessModes = ["BASIC", "STRICT"]

    func createDomainName(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let operation = call.operation.name
        let input = try call.input(CreateDomainNameInput.self)
        guard let name = input.domainName, !name.isEmpty else { throw AdminError.badRequest("No Domain Name specified") }
        guard DomainNameRules.isValidHostName(name) else { throw AdminError.badRequest("Invalid domain name specified: \(name)") }
        guard try tx.domainName(name) == nil else { throw AdminError.conflict("The domain name you provided already exists.") }
        let endpoint = try Self.endpointConfiguration(input.endpointConfiguration, operation: operation)
        let type = endpoint.types.first ?? "EDGE"
        let policy = input.securityPolicy ?? "TLS_1_2"
        guard Self.securityPolicies.contains(policy) else {
            throw AdminError.notInEnum(policy, "securityPolicy", in: operation, allowed: Self.securityPolicies)
        }
        try Self.requireServedSecurityPolicy(policy)
        let routing = input.routingMode ?? "BASE_PATH_MAPPING_ONLY"
        guard Self.routingModes.contains(routing) else { throw AdminError.notInEnum(routing, "routingMode", in: operation, allowed: Self.routingModes) }
        guard routing == "BASE_PATH_MAPPING_ONLY" else {
            throw AdminError.notImplemented("Tollgate does not implement routing rules; routingMode must be BASE_PATH_MAPPING_ONLY")
        }
        if let mode = input.endpointAccessMode, !Self.endpointAccessModes.contains(mode) {
            throw AdminError.notInEnum(mode, "endpointAccessMode", in: operation, allowed: Self.endpointAccessModes)
        }
        if input.policy != nil && type != "PRIVATE" { throw AdminError.badRequest("A policy can only be set on a PRIVATE domain name") }
        let certificate = try DomainNameRules.uploadedCertificate(body: input.certificateBody, privateKey: input.certificatePrivateKey,
                                                                  chain: input.certificateChain, now: call.now)
        if type == "REGIONAL" && (input.certificateArn != nil || input.certificateName != nil) && input.regionalCertificateArn == nil
            && input.regionalCertificateName == nil {
            throw AdminError.badRequest("A regional certificate must be specified for the endpoint type REGIONAL (regionalCertificateArn or regionalCertificateName).")
        }
        // Mutual TLS: AWS's conditions first, then the truststore read from its file:// URI.
        var truststore: DomainTruststoreRules.Truststore?
        if let mutual = input.mutualTlsAuthentication, mutual.truststoreUri != nil || mutual.truststoreVersion != nil {
            try DomainTruststoreRules.requireEligible(endpointType: type, securityPolicy: policy, hasUploadedCertificate: certificate != nil)
            truststore = try DomainTruststoreRules.truststore(mutual, now: call.now)
        }
        for arn in [input.certificateArn, input.regionalCertificateArn, input.ownershipVerificationCertificateArn].compactMap({ $0 }) {
            guard DomainNameRules.isCertificateArn(arn) else { throw AdminError.badRequest("Invalid certificate ARN specified: \(arn)") }
        }
        let domainNameId = type == "PRIVATE" ? ResourceID.generate(length: ResourceID.restApiLength) : nil
        let arnPath = "/domainnames/\(name)" + (domainNameId.map { "+\($0)" } ?? "")
        let account = type == "PRIVATE" ? configuration.accountId : ""
        var domain = DomainName(domainName: name, domainNameArn: "arn:aws:apigateway:\(configuration.region):\(account):\(arnPath)",
                                endpointConfiguration: endpoint, securityPolicy: policy, routingMode: routing)
        domain.domainNameId = domainNameId
        domain.tags = try TagRules.checked(input.tags ?? [:])
        domain.endpointAccessMode = input.endpointAccessMode
        domain.ownershipVerificationCertificateArn = input.ownershipVerificationCertificateArn
        domain.policy = input.policy
        switch type {
        case "REGIONAL":
            domain.regionalCertificateName = input.regionalCertificateName ?? input.certificateName
            domain.regionalCertificateArn = input.regionalCertificateArn
            domain.regionalDomainName = "d-\(ResourceID.generate(length: 10)).execute-api.\(configuration.region).amazonaws.com"
            domain.regionalHostedZoneId = DomainNameRules.regionalHostedZoneIds[configuration.region]
        default:
            domain.certificateName = input.certificateName
            domain.certificateArn = input.certificateArn
            if type == "EDGE" {
                domain.distributionDomainName = "d\(ResourceID.generate(length: 13)).cloudfront.net"
                domain.distributionHostedZoneId = DomainNameRules.cloudFrontHostedZoneId
            }
        }
        if certificate != nil || input.certificateArn != nil || input.regionalCertificateArn != nil {
            domain.certificateUploadDate = call.now
        }
        if let truststore {
            domain.mutualTlsAuthentication = MutualTlsAuthentication(truststoreUri: input.mutualTlsAuthentication?.truststoreUri,
                                                                     truststoreWarnings: truststore.warnings)
        }
        try tx.insertDomainName(domain, certificate: certificate)
        if let truststore { try tx.updateDomainTruststore(name, truststore.pem) }
        call.targets.append(name)
        return try .json(domain)
    }

    /// The domain name of the call; a PRIVATE one must also be named by its `domainNameId` (AWS's
    /// identifier of private domain names), else the 404.
    func requireDomainName(_ call: AdminCall, _ tx: ConfigTransaction) throws -> DomainName {
        let domain = try Self.domainNames.require(self, call, tx)
        if let id = call.queryValue("domainNameId"), id != domain.domainNameId { throw Self.domainNames.notFound(self, id) }
        if domain.domainNameId != nil && call.queryValue("domainNameId") == nil {
            throw AdminError.badRequest("domainNameId must be specified for a private domain name")
        }
        return domain
    }
}
