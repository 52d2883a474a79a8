/// The URL by which one API Gateway model refers to another in a `$ref`:
/// `https://apigateway.amazonaws.com/restapis/{restapi_id}/models/{model_name}` (AWS's models
/// page). Parsing accepts `http`, a trailing `/` and any case in the host; `uri` is canonical.
package struct APIGatewayModelURL: Equatable, Hashable, Sendable {
    package let restApiId: String
    package let modelName: String

    package init(restApiId: String, modelName: String) {
        self.restApiId = restApiId
        self.modelName = modelName
    }

    /// Nil when `uri` (fragment ignored) is not a model URL.
    package init?(_ uri: String) {
        let parsed = JSONSchemaURI(uri)
        guard let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http",
              parsed.authority?.lowercased() == "apigateway.amazonaws.com", parsed.query == nil else { return nil }
        var parts = parsed.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        guard parts.count == 5, parts[0] == "", parts[1] == "restapis", !parts[2].isEmpty, parts[3] == "models", !parts[4].isEmpty else { return nil }
        restApiId = parts[2]
        modelName = JSONPointer.percentDecoded(parts[4])
    }

    package var uri: String { "https://apigateway.amazonaws.com/restapis/\(restApiId)/models/\(modelName)" }
}
