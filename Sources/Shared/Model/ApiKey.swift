/// An API key (botocore `ApiKey`). `enabled` defaults to false, as in AWS.
/// `value` is only returned when asked for (`includeValue(s)`); snapshots carry a SHA-256 instead.
package struct ApiKey: Codable, Sendable, Equatable {
    package var id: String
    package var value: String?
    package var name: String?
    package var customerId: String?
    package var description: String?
    package var enabled: Bool
    package var createdDate: Int64
    package var lastUpdatedDate: Int64
    package var stageKeys: [String]
    package var tags: [String: String]?

    package init(id: String, value: String?, name: String?, customerId: String? = nil, description: String? = nil,
                 enabled: Bool = false, createdDate: Int64, lastUpdatedDate: Int64, stageKeys: [String] = [], tags: [String: String]? = nil) {
        self.id = id
        self.value = value
        self.name = name
        self.customerId = customerId
        self.description = description
        self.enabled = enabled
        self.createdDate = createdDate
        self.lastUpdatedDate = lastUpdatedDate
        self.stageKeys = stageKeys
        self.tags = tags
    }
}
