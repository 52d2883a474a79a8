/// botocore `VpcLink`: a link to network load balancers in a VPC (REST APIs' `connectionType: VPC_LINK`).
package struct VpcLink: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var description: String?
    package var targetArns: [String]
    package var status: String
    package var statusMessage: String?
    package var tags: [String: String]?

    package init(id: String, name: String, description: String?, targetArns: [String], tags: [String: String]?) {
        self.id = id
        self.name = name
        self.description = description
        self.targetArns = targetArns
        self.status = "AVAILABLE"
        self.statusMessage = "Your vpc link is ready for use"
        self.tags = tags
    }
}
