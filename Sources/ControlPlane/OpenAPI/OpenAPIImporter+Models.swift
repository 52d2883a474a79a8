import Shared

/// Schemas into models: `components.schemas` (3.0) or `definitions` (2.0), plus one model per
/// distinct inline schema of a request body or response, with `$ref`s rewritten to model URLs.
extension OpenAPIImporter {
    /// Where the document's named schemas live, and the `$ref` prefix that names one.
    var schemaPrefix: String { isSwagger ? "#/definitions/" : "#/components/schemas/" }

    var namedSchemas: [(key: String, value: JSONValue)] {
        ((isSwagger ? root["definitions"] : root["components"]?["schemas"])?.members) ?? []
    }

    mutating func readModels() {
        for (name, schema) in namedSchemas {
            addModel(name: name, schema: schema, contentType: "application/json")
        }
    }

    /// The model a schema names: the referenced model, or a model made for an inline schema
    /// (`Inline1`, `Inline2` …, one per distinct schema text). Nil with an error when it cannot be read.
    mutating func modelName(for schema: JSONValue, at where_: String) -> String? {
        if let ref = schema["$ref"]?.string {
            let name = modelReference(ref)
            guard let name, namedSchemas.contains(where: { $0.key == name }) else {
                errors.append("Unable to resolve the schema reference '\(ref)' in \(where_)")
                return nil
            }
            return name
        }
        let text = rewritten(schema).serialized()
        if let known = inlineModels[text] { return known }
        var counter = inlineModels.count + 1
        var name = "Inline\(counter)"
        while namedSchemas.contains(where: { $0.key == name }) || definition.models.contains(where: { $0.name == name }) {
            counter += 1
            name = "Inline\(counter)"
        }
        inlineModels[text] = name
        addModel(name: name, schema: schema, contentType: "application/json")
        return name
    }

    /// The model name of a `$ref` to a named schema (either version's prefix), else nil.
    func modelReference(_ ref: String) -> String? {
        for prefix in ["#/components/schemas/", "#/definitions/"] where ref.hasPrefix(prefix) {
            let name = String(ref.dropFirst(prefix.count))
            return name.contains("/") ? nil : PercentDecoding.decodeString(name)
        }
        return nil
    }

    private mutating func addModel(name: String, schema: JSONValue, contentType: String) {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            errors.append("Unable to create model '\(name)': Model name must be alphanumeric: \(name)")
            return
        }
        guard schema.members != nil else {
            errors.append("Unable to create model '\(name)': Invalid model schema specified. The schema must be a JSON object")
            return
        }
        let text = rewritten(schema).serialized()
        if let problem = ModelSchemaCheck.problem(in: text) {
            errors.append("Unable to create model '\(name)': \(problem)")
            return
        }
        definition.models.append(Model(id: "", name: name, description: schema["description"]?.string, schema: text,
                                       contentType: contentType))
    }

    /// `schema` with every `$ref` to a named schema replaced by that model's URL.
    func rewritten(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(let members):
            return .object(members.map { member in
                if member.key == "$ref", let ref = member.value.string, let name = modelReference(ref) {
                    return (member.key, .string(APIGatewayModelURL(restApiId: restApiId, modelName: name).uri))
                }
                return (member.key, rewritten(member.value))
            })
        case .array(let items):
            return .array(items.map(rewritten))
        default:
            return schema
        }
    }
}
