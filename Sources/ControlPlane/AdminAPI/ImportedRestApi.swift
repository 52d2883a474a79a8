import Shared

/// A RestApi with the import's `warnings` (botocore `RestApi.warnings`), omitted when there are none.
struct ImportedRestApi: Encodable {
    let api: RestApi
    let warnings: [String]

    private enum Key: String, CodingKey { case warnings }

    func encode(to encoder: any Encoder) throws {
        try api.encode(to: encoder)
        if !warnings.isEmpty {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(warnings, forKey: .warnings)
        }
    }
}
