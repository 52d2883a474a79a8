import Shared

/// GetModelTemplate: a mapping template generated from a model's schema, in the shape AWS writes
/// (`#set($inputRoot = $input.path('$'))`, then the schema's properties with string values quoted,
/// other scalars bare, arrays as `#foreach` loops).
///
/// Pure. `$ref`s to other models of the API (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`
/// or `#/definitions/{name}` inside the schema) are followed through `resolve`, to a bounded depth so a
/// cycle ends. AWS's exact whitespace is not documented; the structure is its documented one.
enum ModelTemplate {
    static let maximumDepth = 8

    /// The template for `schema` (JSON text), or nil when it is not JSON.
    static func template(for schema: String, resolve: (String) -> JSONValue?) -> String? {
        guard let root = try? JSONParser.parse(Array(schema.utf8)) else { return nil }
        var out = "#set($inputRoot = $input.path('$'))\n"
        write(root, reference: "$inputRoot", indent: "", root: root, resolve: resolve, depth: 0, into: &out)
        return out
    }

    private static func write(_ schema: JSONValue, reference: String, indent: String, root: JSONValue,
                              resolve: (String) -> JSONValue?, depth: Int, into out: inout String) {
        let schema = dereference(schema, root: root, resolve: resolve)
        switch typeName(schema) {
        case "array":
            out += "[\n#foreach($elem in \(reference))\n"
            let items = schema["items"] ?? .object([])
            out += indent + " "
            if depth < maximumDepth {
                write(items, reference: "$elem", indent: indent + " ", root: root, resolve: resolve, depth: depth + 1, into: &out)
            } else {
                out += "$elem"
            }
            out += "#if($foreach.hasNext),#end\n#end\n\(indent)]"
        case "object":
            guard case .object(let properties)? = schema["properties"], !properties.isEmpty, depth < maximumDepth else {
                out += "{\n\(indent)}"
                return
            }
            out += "{\n"
            for (index, property) in properties.enumerated() {
                out += "\(indent)  \"\(property.key)\" : "
                let inner = dereference(property.value, root: root, resolve: resolve)
                let path = "\(reference).\(property.key)"
                switch typeName(inner) {
                case "object", "array":
                    write(inner, reference: path, indent: indent + "  ", root: root, resolve: resolve, depth: depth + 1, into: &out)
                case "string":
                    out += "\"\(path)\""
                default:
                    out += path
                }
                out += index == properties.count - 1 ? "\n" : ",\n"
            }
            out += "\(indent)}"
        case "string":
            out += "\"\(reference)\""
        default:
            out += reference
        }
    }

    /// The schema a `$ref` names (another model, or a definition of this schema), else `schema`.
    private static func dereference(_ schema: JSONValue, root: JSONValue, resolve: (String) -> JSONValue?) -> JSONValue {
        guard case .string(let ref)? = schema["$ref"] else { return schema }
        if ref.hasPrefix("#/definitions/") {
            return root["definitions"]?[String(ref.dropFirst("#/definitions/".count))] ?? schema
        }
        guard let slash = ref.lastIndex(of: "/"), ref.contains("/models/") else { return schema }
        return resolve(String(ref[ref.index(after: slash)...])) ?? schema
    }

    /// The schema's `type` (the first one when it is a list); `object` when it has properties.
    private static func typeName(_ schema: JSONValue) -> String {
        switch schema["type"] {
        case .string(let name)?: return name
        case .array(let names)?:
            if case .string(let name)? = names.first(where: { $0 != .string("null") }) { return name }
            return "object"
        default: return schema["properties"] != nil ? "object" : "any"
        }
    }
}
