/// Where `$ref`s to other documents are looked up: the caller serves schema documents by absolute
/// URI (no fragment) from memory. API Gateway models are named by
/// `https://apigateway.amazonaws.com/restapis/{id}/models/{name}` (see `APIGatewayModelURL`).
/// Called only while compiling, never while validating; nothing here reaches the network.
package protocol JSONSchemaResolver {
    /// The schema document at `uri` (absolute, without a fragment), or nil when there is none.
    func schemaDocument(at uri: String) -> JSONValue?
}

/// A resolver over a fixed set of documents: the models of one REST API, or test remotes.
package struct JSONSchemaDocuments: JSONSchemaResolver, Sendable {
    package var documents: [String: JSONValue]

    package init(_ documents: [String: JSONValue] = [:]) { self.documents = documents }

    /// The models of `restApiId`, each under its model URL.
    package init(restApiId: String, models: [String: JSONValue]) {
        var documents: [String: JSONValue] = [:]
        for (name, schema) in models { documents[APIGatewayModelURL(restApiId: restApiId, modelName: name).uri] = schema }
        self.documents = documents
    }

    package func schemaDocument(at uri: String) -> JSONValue? {
        if let document = documents[uri] { return document }
        // A model URL differs from its stored key only when written with a trailing `/` or `http`.
        if let model = APIGatewayModelURL(uri) { return documents[model.uri] }
        return nil
    }
}
