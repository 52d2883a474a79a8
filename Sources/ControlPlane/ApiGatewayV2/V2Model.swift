/// A model of an `apigatewayv2` API (`Model`): a named JSON Schema (draft 4) that WebSocket routes'
/// `requestModels` name.
struct V2Model: Codable, Sendable, Equatable {
    var modelId: String
    var name: String
    var contentType: String?
    var description: String?
    var schema: String
}
