/// A REST API's own attributes, in Amazon API Gateway's JSON shape (botocore `RestApi`).
///
/// Field names are the wire names, so the admin API encodes this type directly; `nil` fields are omitted.
/// Timestamps are epoch seconds.
package struct RestApi: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var description: String?
    package var createdDate: Int64
    package var version: String?
    package var binaryMediaTypes: [String]?
    package var minimumCompressionSize: Int?
    package var apiKeySource: String
    package var endpointConfiguration: EndpointConfiguration?
    package var policy: String?
    package var tags: [String: String]?
    package var disableExecuteApiEndpoint: Bool
    package var rootResourceId: String

    package init(id: String, name: String, description: String? = nil, createdDate: Int64, version: String? = nil,
                 binaryMediaTypes: [String]? = nil, minimumCompressionSize: Int? = nil, apiKeySource: String = "HEADER",
                 endpointConfiguration: EndpointConfiguration? = EndpointConfiguration(), policy: String? = nil,
                 tags: [String: String]? = nil, disableExecuteApiEndpoint: Bool = false, rootResourceId: String) {
        self.id = id
        self.name = name
        self.description = description
        self.createdDate = createdDate
        self.version = version
        self.binaryMediaTypes = binaryMediaTypes
        self.minimumCompressionSize = minimumCompressionSize
        self.apiKeySource = apiKeySource
        self.endpointConfiguration = endpointConfiguration
        self.policy = policy
        self.tags = tags
        self.disableExecuteApiEndpoint = disableExecuteApiEndpoint
        self.rootResourceId = rootResourceId
    }
}

/// `endpointConfiguration` of a REST API. Defaults are what AWS returns for a new API.
package struct EndpointConfiguration: Codable, Sendable, Equatable {
    package var types: [String]
    package var ipAddressType: String?
    package var vpcEndpointIds: [String]?

    package init(types: [String] = ["EDGE"], ipAddressType: String? = "ipv4", vpcEndpointIds: [String]? = nil) {
        self.types = types
        self.ipAddressType = ipAddressType
        self.vpcEndpointIds = vpcEndpointIds
    }
}
