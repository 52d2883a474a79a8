/// A taggable API Gateway resource, parsed from its ARN
/// (`arn:{partition}:apigateway:{region}:{account}:{path}`; REST API resources leave the account empty).
enum TaggedResource: Equatable {
    case restApi(String)
    case stage(restApiId: String, name: String)
    case apiKey(String)
    case usagePlan(String)
    /// By name; a PRIVATE domain name's ARN carries `+{domainNameId}`, which is dropped here.
    case domainName(String)
    case vpcLink(String)
    case clientCertificate(String)
    /// By its whole ARN (the association's identifier).
    case domainNameAccessAssociation(String)

    /// AWS's 400 for an ARN that names no taggable API Gateway resource.
    static func invalid(_ arn: String) -> AdminError {
        .badRequest("Invalid resource ARN specified: \(arn)")
    }

    init(arn: String) throws(AdminError) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "apigateway", !parts[3].isEmpty,
              parts[5].hasPrefix("/") else { throw Self.invalid(arn) }
        let path = parts[5].dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains("") || path.first == "domainnameaccessassociations" else { throw Self.invalid(arn) }
        switch (path.first, path.count) {
        case ("restapis", 2): self = .restApi(path[1])
        case ("restapis", 4) where path[2] == "stages": self = .stage(restApiId: path[1], name: path[3])
        case ("apikeys", 2): self = .apiKey(path[1])
        case ("usageplans", 2): self = .usagePlan(path[1])
        case ("domainnames", 2): self = .domainName(String(path[1].prefix { $0 != "+" }))
        case ("vpclinks", 2): self = .vpcLink(path[1])
        case ("clientcertificates", 2): self = .clientCertificate(path[1])
        case ("domainnameaccessassociations", _): self = .domainNameAccessAssociation(arn)
        default: throw Self.invalid(arn)
        }
    }
}
