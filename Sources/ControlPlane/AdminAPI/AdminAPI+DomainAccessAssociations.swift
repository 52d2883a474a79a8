import Shared

/// Domain name access associations (a VPC endpoint allowed to reach a PRIVATE custom domain name):
/// Create, GetDomainNameAccessAssociations (`?resourceOwner`), Delete, Reject. One account owns
/// everything here, so there are never associations of other accounts to reject.
/// Stored only: private domain names are not served (no VPC endpoints).
extension AdminAPI {
    static let domainAccessAssociationHandlers: [String: Handler] = [
        "CreateDomainNameAccessAssociation": { try $0.createDomainNameAccessAssociation(&$1, $2) },
        "GetDomainNameAccessAssociations": { _, call, tx in
            let owner = call.queryValue("resourceOwner") ?? "SELF"
            guard ["SELF", "OTHER_ACCOUNTS"].contains(owner) else {
                throw AdminError.notInEnum(owner, "resourceOwner", in: call.operation.name, allowed: ["SELF", "OTHER_ACCOUNTS"])
            }
            return try .json(call.page(owner == "SELF" ? try tx.domainNameAccessAssociations() : []))
        },
        "DeleteDomainNameAccessAssociation": { _, call, tx in
            guard try tx.deleteDomainNameAccessAssociation(call.label("domain_name_access_association_arn")) else {
                throw AdminError.notFound("Invalid domain name access association identifier specified")
            }
            return .empty
        },
        "RejectDomainNameAccessAssociation": { _, call, _ in
            // Only associations made by other accounts can be rejected; this gateway has one account.
            throw AdminError.notFound("Invalid domain name access association identifier specified")
        },
    ]

    /// Body of CreateDomainNameAccessAssociation.
    struct CreateDomainNameAccessAssociationInput: Decodable {
        var domainNameArn: String?
        var accessAssociationSourceType: String?
        var accessAssociationSource: String?
        var tags: [String: String]?
    }

    func createDomainNameAccessAssociation(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let operation = call.operation.name
        let input = try call.input(CreateDomainNameAccessAssociationInput.self)
        guard let domainArn = input.domainNameArn else { throw AdminError.missing("domainNameArn", in: operation) }
        guard let sourceType = input.accessAssociationSourceType else { throw AdminError.missing("accessAssociationSourceType", in: operation) }
        guard let source = input.accessAssociationSource else { throw AdminError.missing("accessAssociationSource", in: operation) }
        guard sourceType == "VPCE" else { throw AdminError.notInEnum(sourceType, "accessAssociationSourceType", in: operation, allowed: ["VPCE"]) }
        guard source.hasPrefix("vpce-"), source.count > 5 else { throw AdminError.badRequest("Invalid VPC endpoint identifier specified: \(source)") }
        guard let domain = try tx.domainNames().first(where: { $0.domainNameArn == domainArn }) else {
            throw AdminError.notFound("Invalid domain name identifier specified")
        }
        guard domain.endpointType == "PRIVATE", let domainId = domain.domainNameId else {
            throw AdminError.badRequest("Domain name access associations can only be created for PRIVATE domain names")
        }
        let arn = "arn:aws:apigateway:\(configuration.region):\(configuration.accountId):/domainnameaccessassociations/domainname/\(domain.domainName)+\(domainId)/vpcesource/\(source)"
        guard try tx.domainNameAccessAssociation(arn) == nil else {
            throw AdminError.conflict("A domain name access association already exists for this domain name and VPC endpoint")
        }
        let association = DomainNameAccessAssociation(domainNameAccessAssociationArn: arn, domainNameArn: domainArn,
                                                      accessAssociationSourceType: sourceType, accessAssociationSource: source,
                                                      tags: try TagRules.checked(input.tags ?? [:]))
        try tx.putDomainNameAccessAssociation(association, domainName: domain.domainName)
        call.targets.append(arn)
        return try .json(association)
    }
}
