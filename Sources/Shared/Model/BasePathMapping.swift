/// botocore `BasePathMapping`: a base path of a custom domain name routed to a REST API (and stage).
/// `basePath` is `(none)` for the empty base path, as AWS shows it; no `stage` means any stage is
/// addressed by the first segment after the base path.
package struct BasePathMapping: Codable, Sendable, Equatable {
    package var basePath: String
    package var restApiId: String
    package var stage: String?

    package init(basePath: String, restApiId: String, stage: String?) {
        self.basePath = basePath
        self.restApiId = restApiId
        self.stage = stage
    }

    /// How AWS shows the empty base path.
    package static let none = "(none)"
}
