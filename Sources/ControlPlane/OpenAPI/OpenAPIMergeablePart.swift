import Shared

/// A definition part PutRestApi `merge` matches by name (or type): its id is kept when the
/// document replaces it (`OpenAPIDefinition.applied`).
protocol OpenAPIMergeablePart {
    var partID: String { get }
}

extension Model: OpenAPIMergeablePart { var partID: String { id } }
extension Authorizer: OpenAPIMergeablePart { var partID: String { id } }
extension RequestValidator: OpenAPIMergeablePart { var partID: String { id } }
extension GatewayResponse: OpenAPIMergeablePart { var partID: String { responseType } }
