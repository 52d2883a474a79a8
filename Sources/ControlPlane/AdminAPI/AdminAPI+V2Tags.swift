import Shared

/// apigatewayv2 TagResource, UntagResource and GetTags on APIs and stages
/// (`arn:aws:apigateway:{region}::/apis/{id}[/stages/{name}]`). The tags live in the resource's
/// own record, so GetApi and GetStage show them; an unknown resource answers its own 404.
extension AdminAPI {
    static let v2TagHandlers: [String: Handler] = [
        "GetTags": { api, call, tx in
            /// botocore `GetTagsResponse`.
            struct Tags: Encodable { var tags: [String: String] }
            let resource = try V2TaggedResource(arn: call.label("resource-arn"))
            var document = try api.v2TaggedDocument(resource, tx)
            return try .json(Tags(tags: AdminAPI.v2Tags(of: resource, &document) ?? [:]))
        },
        "TagResource": { api, call, tx in
            /// Body of TagResource.
            struct Input: Decodable { var tags: [String: String]? }
            let resource = try V2TaggedResource(arn: call.label("resource-arn"))
            var document = try api.v2TaggedDocument(resource, tx)
            guard let added = try call.input(Input.self).tags else { throw AdminAPI.v2Missing("tags") }
            var tags = AdminAPI.v2Tags(of: resource, &document) ?? [:]
            tags.merge(added) { $1 }
            AdminAPI.v2Tags(of: resource, &document, set: try TagRules.checked(tags))
            try tx.updateV2Api(document)
            return .empty
        },
        "UntagResource": { api, call, tx in
            let resource = try V2TaggedResource(arn: call.label("resource-arn"))
            var document = try api.v2TaggedDocument(resource, tx)
            guard let keys = call.query["tagKeys"] else { throw AdminAPI.v2Missing("tagKeys") }
            var tags = AdminAPI.v2Tags(of: resource, &document) ?? [:]
            for key in keys { tags[key] = nil }
            AdminAPI.v2Tags(of: resource, &document, set: tags.isEmpty ? nil : tags)
            try tx.updateV2Api(document)
            return .empty
        },
    ]

    /// The API document the tagged resource lives in, or the right 404.
    private func v2TaggedDocument(_ resource: V2TaggedResource, _ tx: ConfigTransaction) throws -> V2ApiDocument {
        let apiId: String
        switch resource {
        case .api(let id): apiId = id
        case .stage(let id, _): apiId = id
        }
        guard let document = try tx.v2Api(apiId) else { throw AdminError.notFound("Invalid API identifier specified \(apiId)") }
        if case .stage(_, let name) = resource, !document.stages.contains(where: { $0.stageName == name }) {
            throw AdminError.notFound("Invalid stage identifier specified")
        }
        return document
    }

    /// The resource's tags, and with `set`, replaces them.
    @discardableResult
    private static func v2Tags(of resource: V2TaggedResource, _ document: inout V2ApiDocument,
                               set tags: [String: String]?? = .none) -> [String: String]? {
        switch resource {
        case .api:
            if case .some(let value) = tags { document.api.tags = value }
            return document.api.tags
        case .stage(_, let name):
            guard let index = document.stages.firstIndex(where: { $0.stageName == name }) else { return nil }
            if case .some(let value) = tags { document.stages[index].tags = value ?? [:] }
            return document.stages[index].tags
        }
    }
}
