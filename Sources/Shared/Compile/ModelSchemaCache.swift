/// Compiled request models, each compiled once per compilation of a snapshot.
///
/// Mutable; lives for one `SnapshotCompiler` run. Keyed by REST API and model name; an entry is
/// reused only for a deployment holding the very same models (two stages on one deployment share
/// it; another deployment of the API with an edited model compiles its own), since a `$ref` makes
/// one model's compiled form depend on the others.
struct ModelSchemaCache {
    private struct Entry {
        let models: [Model]
        let schema: JSONSchema
    }

    private var entries: [String: Entry] = [:]

    /// The compiled schema of model `name` of `content`'s API, or the built-in `Empty`/`Error`.
    mutating func schema(named name: String, in content: DeploymentContent, ref: CompileError.MethodRef) throws(CompileError) -> JSONSchema {
        let models = content.models ?? []
        let key = content.api.id + "\u{0}" + name
        if let entry = entries[key], entry.models == models { return entry.schema }
        let restApiId = content.api.id
        var documents: [String: JSONValue] = [:]
        for (builtIn, text) in RequestValidationCompiler.builtInSchemas {
            if let value = try? JSONParser.parse(Array(text.utf8)) { documents[builtIn] = value }
        }
        for model in models {
            guard let text = model.schema, !text.isEmpty else { documents[model.name] = .object([]); continue }
            do {
                documents[model.name] = try JSONParser.parse(Array(text.utf8))
            } catch {
                if model.name == name { throw .invalidRequestModel(ref, model: name, reason: "not JSON (\(error.reason) at \(error.offset))") }
            }
        }
        guard let document = documents[name] else { throw .invalidRequestModel(ref, model: name, reason: "no such model") }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(compiling: document, baseURI: APIGatewayModelURL(restApiId: restApiId, modelName: name).uri,
                                    resolver: JSONSchemaDocuments(restApiId: restApiId, models: documents))
        } catch {
            throw .invalidRequestModel(ref, model: name, reason: error.description)
        }
        entries[key] = Entry(models: models, schema: schema)
        return schema
    }
}
