/// botocore `DomainNameAccessAssociation`: a VPC endpoint allowed to reach a PRIVATE domain name.
package struct DomainNameAccessAssociation: Codable, Sendable, Equatable {
    package var domainNameAccessAssociationArn: String
    package var domainNameArn: String
    package var accessAssociationSourceType: String
    package var accessAssociationSource: String
    package var tags: [String: String]?

    package init(domainNameAccessAssociationArn: String, domainNameArn: String, accessAssociationSourceType: String,
                 accessAssociationSource: String, tags: [String: String]?) {
        self.domainNameAccessAssociationArn = domainNameAccessAssociationArn
        self.domainNameArn = domainNameArn
        self.accessAssociationSourceType = accessAssociationSourceType
        self.accessAssociationSource = accessAssociationSource
        self.tags = tags
    }
}
