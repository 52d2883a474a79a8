import Shared

/// TagResource, UntagResource and GetTags on every taggable resource, named by its ARN
/// `arn:{partition}:apigateway:{region}:{account}:{path}`: REST APIs (`/restapis/{id}`), stages
/// (`/restapis/{id}/stages/{name}`), API keys, usage plans, custom domain names, VPC links, client
/// certificates and domain name access associations. The tags live in the resource's own document,
/// so `tags` in every Get of it shows them; an unknown resource answers its own 404. The region and
/// account of the ARN are not compared with this control plane's (it answers for any region a
/// client signs for).
extension AdminAPI {
    static let tagHandlers: [String: Handler] = [
        "GetTags": { api, call, tx in
            /// botocore `Tags`.
            struct Tags: Encodable { var tags: [String: String] }
            let resource = try TaggedResource(arn: call.label("resource_arn"))
            return try .json(Tags(tags: api.tags(of: resource, tx) ?? [:]))
        },
        "TagResource": { api, call, tx in
            /// Body of TagResource.
            struct Input: Decodable { var tags: [String: String]? }
            let resource = try TaggedResource(arn: call.label("resource_arn"))
            _ = try api.tags(of: resource, tx)  // the resource's 404 before the body's errors
            guard let added = try call.input(Input.self).tags else { throw AdminError.missing("tags", in: call.operation.name) }
            try api.changeTags(of: resource, call, tx) { tags in tags.merge(added) { $1 } }
            return .empty
        },
        "UntagResource": { api, call, tx in
            let resource = try TaggedResource(arn: call.label("resource_arn"))
            _ = try api.tags(of: resource, tx)
            guard let keys = call.query["tagKeys"] else { throw AdminError.missing("tagKeys", in: call.operation.name) }
            try api.changeTags(of: resource, call, tx) { tags in for key in keys { tags[key] = nil } }
            return .empty
        },
    ]

    /// The resource's tags (nil when it has none), or its 404.
    func tags(of resource: TaggedResource, _ tx: ConfigTransaction) throws -> [String: String]? {
        switch resource {
        case .restApi(let id): return try Self.restApis.require(id, self, tx).api.tags
        case .stage(let apiId, let name):
            _ = try requireApi(apiId, tx)
            guard let stage = try tx.stage(restApiId: apiId, name: name) else { throw AdminError.notFound("Invalid Stage identifier specified") }
            return stage.tags
        case .apiKey(let id): return try Self.apiKeys.require(id, self, tx).tags
        case .usagePlan(let id): return try Self.usagePlans.require(id, self, tx).tags
        case .domainName(let name): return try Self.domainNames.require(name, self, tx).tags
        case .vpcLink(let id): return try Self.vpcLinks.require(id, self, tx).tags
        case .clientCertificate(let id): return try Self.clientCertificates.require(id, self, tx).tags
        case .domainNameAccessAssociation(let arn):
            guard let association = try tx.domainNameAccessAssociation(arn) else {
                throw AdminError.notFound("Invalid domain name access association identifier specified")
            }
            return association.tags
        }
    }

    /// Applies `change` to the resource's tags, checks the result against AWS's limits and stores it
    /// (an emptied map is stored as none, as AWS omits it).
    func changeTags(of resource: TaggedResource, _ call: AdminCall, _ tx: ConfigTransaction,
                    _ change: (inout [String: String]) -> Void) throws {
        func changed(_ tags: [String: String]?) throws -> [String: String]? {
            var tags = tags ?? [:]
            change(&tags)
            return try TagRules.checked(tags)
        }
        switch resource {
        case .restApi(let id):
            var content = try Self.restApis.require(id, self, tx)
            content.api.tags = try changed(content.api.tags)
            try tx.updateRestApi(content)
        case .stage(let apiId, let name):
            guard var stage = try tx.stage(restApiId: apiId, name: name) else { throw AdminError.notFound("Invalid Stage identifier specified") }
            stage.tags = try changed(stage.tags)
            try tx.putStage(restApiId: apiId, stage)
        case .apiKey(let id):
            var key = try Self.apiKeys.require(id, self, tx)
            key.tags = try changed(key.tags)
            try tx.putApiKey(key)
        case .usagePlan(let id):
            var plan = try Self.usagePlans.require(id, self, tx)
            plan.tags = try changed(plan.tags)
            try tx.putUsagePlan(plan, at: call.now)
        case .domainName(let name):
            var domain = try Self.domainNames.require(name, self, tx)
            domain.tags = try changed(domain.tags)
            try tx.updateDomainName(domain)
        case .vpcLink(let id):
            var link = try Self.vpcLinks.require(id, self, tx)
            link.tags = try changed(link.tags)
            try tx.putVpcLink(link)
        case .clientCertificate(let id):
            var certificate = try Self.clientCertificates.require(id, self, tx)
            certificate.tags = try changed(certificate.tags)
            try tx.updateClientCertificate(certificate)
        case .domainNameAccessAssociation(let arn):
            guard var association = try tx.domainNameAccessAssociation(arn),
                  let domain = try tx.domainNames().first(where: { $0.domainNameArn == association.domainNameArn }) else {
                throw AdminError.notFound("Invalid domain name access association identifier specified")
            }
            association.tags = try changed(association.tags)
            try tx.putDomainNameAccessAssociation(association, domainName: domain.domainName)
        }
    }
}
