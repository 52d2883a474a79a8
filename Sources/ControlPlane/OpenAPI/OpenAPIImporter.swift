import Shared

/// Reads an OpenAPI 2.0 (Swagger) or 3.0 document, JSON or YAML, with Amazon API Gateway's
/// `x-amazon-apigateway-*` extensions into an `OpenAPIDefinition`.
///
/// Pure and synchronous: no store, clock or ids. Problems AWS reports as errors are collected and
/// thrown together (`OpenAPIImportError.errors`, "Errors found during import:" one per line);
/// what AWS skips with a warning is listed in the definition's `warnings`. `restApiId` is only
/// used to rewrite schema `$ref`s to model URLs
/// (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`).
struct OpenAPIImporter {
    let root: JSONValue
    /// Swagger 2.0 (`definitions`, `securityDefinitions`, `basePath`) rather than OpenAPI 3.0.
    let isSwagger: Bool
    let restApiId: String
    let options: OpenAPIImportOptions
    var definition: OpenAPIDefinition
    var errors: [String] = []
    /// Inline schemas already turned into models, by their JSON text (one model per shape).
    var inlineModels: [String: String] = [:]

    /// The document's bytes as JSON (when they start with `{`) or YAML, or `.unreadable`.
    static func read(_ bytes: [UInt8]) throws(OpenAPIImportError) -> JSONValue {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if first == UInt8(ascii: "{"), let value = try? JSONParser.parse(bytes) { return value.keepingLastOfDuplicateKeys() }
        do {
            return try YAMLReader.json(bytes)
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// The definition of `document`, or the reasons it cannot be imported.
    static func definition(of document: JSONValue, restApiId: String,
                           options: OpenAPIImportOptions = OpenAPIImportOptions()) throws(OpenAPIImportError) -> OpenAPIDefinition {
        guard document.members != nil else { throw .unreadable("the document is not an object") }
        let isSwagger: Bool
        if let swagger = document["swagger"] {
            guard swagger.scalarText == "2.0" else { throw .unsupportedVersion }
            isSwagger = true
        } else if let version = document["openapi"] {
            guard let text = version.scalarText, text.hasPrefix("3.0") else { throw .unsupportedVersion }
            isSwagger = false
        } else {
            throw .unreadable("'openapi' is a required property")
        }
        guard let info = document["info"], info.members != nil else { throw .unreadable("'info' is a required property") }
        guard let title = info["title"]?.scalarText else { throw .unreadable("'title' is a required property") }
        guard let paths = document["paths"] else { throw .unreadable("'paths' is a required property") }
        guard paths.members != nil else { throw .unreadable("'paths' is not of type 'object'") }

        var importer = OpenAPIImporter(root: document, isSwagger: isSwagger, restApiId: restApiId, options: options,
                                       definition: OpenAPIDefinition(title: title))
        importer.definition.description = info["description"]?.scalarText
        importer.definition.version = info["version"]?.scalarText
        importer.readApiExtensions()
        importer.readModels()
        importer.readAuthorizers()
        importer.readPaths(paths)
        if !options.ignoreDocumentation { importer.readDocumentation() }
        guard importer.errors.isEmpty else { throw .errors(importer.errors) }
        return importer.definition
    }

    mutating func warn(_ message: String) {
        definition.warnings.append(message)
    }

    // MARK: - Paths and the base path

    /// The base path AWS reads (2.0 `basePath`; 3.0 the first server's `basePath` variable, else
    /// the path of its URL), without leading or trailing `/`; empty when there is none.
    var basePath: String {
        var text = ""
        if isSwagger {
            text = root["basePath"]?.string ?? ""
        } else if let server = root["servers"]?.items?.first {
            if let variable = server["variables"]?["basePath"]?["default"]?.scalarText {
                text = variable
            } else if let url = server["url"]?.string {
                var rest = Substring(url)
                if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...].drop { $0 != "/" } }
                text = String(rest)
                // A templated server path (`/{basePath}`) names the variable, not a path.
                if text.contains("{") { text = "" }
            }
        }
        return text.split(separator: "/").joined(separator: "/")
    }

    /// The resource path of a document path under the call's `basepath` option.
    func resourcePath(_ path: String) -> String {
        let base = basePath
        var prefix = ""
        switch options.basePath {
        case .ignore: prefix = ""
        case .prepend: prefix = base
        case .split: prefix = base.split(separator: "/").dropFirst().joined(separator: "/")
        }
        let parts = (prefix.isEmpty ? [] : [prefix]) + path.split(separator: "/").map(String.init)
        return "/" + parts.joined(separator: "/")
    }

    static let operationKeys: [(key: String, verb: String)] = [
        ("get", "GET"), ("put", "PUT"), ("post", "POST"), ("delete", "DELETE"), ("options", "OPTIONS"), ("head", "HEAD"),
        ("patch", "PATCH"), ("x-amazon-apigateway-any-method", "ANY"),
    ]

    mutating func readPaths(_ paths: JSONValue) {
        var seen: [String: Int] = [:]
        if options.basePath != .ignore, !basePath.isEmpty, seen[resourcePath("/")] == nil {
            // The base path's resources exist even when no path is `/`.
            seen[resourcePath("/")] = definition.paths.count
            definition.paths.append(.init(path: resourcePath("/"), methods: []))
        }
        for (documentPath, item) in paths.members ?? [] {
            guard documentPath.hasPrefix("/") else {
                if !documentPath.hasPrefix("x-") { errors.append("Invalid path '\(documentPath)': a path must begin with '/'") }
                continue
            }
            let path = resourcePath(documentPath)
            for part in path.split(separator: "/") where !AdminAPI.isValidPathPart(String(part)) {
                errors.append("Invalid resource path '\(documentPath)': invalid path part '\(part)'")
            }
            guard let item = resolve(item), item.members != nil else {
                errors.append("Invalid path item for '\(documentPath)'")
                continue
            }
            let shared = item["parameters"]?.items ?? []
            var methods: [Method] = []
            for (key, value) in item.members ?? [] {
                if let entry = Self.operationKeys.first(where: { $0.key == key.lowercased() }) {
                    if let method = readOperation(value, verb: entry.verb, path: path, sharedParameters: shared) {
                        methods.append(method)
                    }
                } else if key == "trace" {
                    warn("Unsupported HTTP method 'TRACE' on path '\(documentPath)'; ignored")
                } else if key.hasPrefix("x-amazon-apigateway-") {
                    warn("Unsupported extension \(key) on path '\(documentPath)'; ignored")
                }
            }
            if let index = seen[path] {
                definition.paths[index].methods += methods
            } else {
                seen[path] = definition.paths.count
                definition.paths.append(.init(path: path, methods: methods))
            }
        }
    }

    // MARK: - References

    /// `node` with a local `$ref` followed (up to 32 hops); nil when it cannot be resolved.
    func resolve(_ node: JSONValue) -> JSONValue? {
        var current = node
        for _ in 0..<32 {
            guard let ref = current["$ref"]?.string else { return current }
            guard let target = pointer(ref) else { return nil }
            current = target
        }
        return nil
    }

    /// The value a local JSON pointer (`#/components/schemas/Pet`) names in the document.
    func pointer(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node = root
        for token in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = PercentDecoding.decodeString(token).replacing("~1", with: "/").replacing("~0", with: "~")
            if let index = Int(key), let items = node.items {
                guard items.indices.contains(index) else { return nil }
                node = items[index]
            } else {
                guard let next = node[key] else { return nil }
                node = next
            }
        }
        return node
    }
}
