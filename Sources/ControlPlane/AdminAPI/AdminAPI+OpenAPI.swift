import Shared

/// OpenAPI: ImportRestApi, PutRestApi (`mode=merge|overwrite`) and GetExport (`oas30`, `swagger`).
///
/// The document is read and checked whole (`OpenAPIImporter`, then `OpenAPIDefinition.applied`)
/// before anything is written, and the writes (the definition, then its documentation parts) are
/// in the call's transaction: a document with any error, or any warning under
/// `failonwarnings=true`, stores nothing. GetExport reads the documentation from the store.
extension AdminAPI {
    static let openAPIHandlers: [String: Handler] = [
        "ImportRestApi": { try $0.importRestApi(&$1, $2) },
        "PutRestApi": { try $0.putRestApi(&$1, $2) },
        "GetExport": { try $0.getExport(&$1, $2) },
    ]

    func importRestApi(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let options = try OpenAPIImportOptions(query: call.query, importing: true)
        let id = try Self.restApis.freshID(length: ResourceID.restApiLength, tx)
        let definition = try Self.definition(call, restApiId: id, options: options)
        let content = try definition.applied(to: nil, apiId: id, now: call.now, options: options)
        try tx.insertRestApi(content)
        let warnings = try Self.storeDocumentation(of: definition, in: content, overwrite: false, call, options, tx)
        call.targets.append(id)
        return try .json(ImportedRestApi(api: content.api, warnings: definition.warnings + warnings))
    }

    func putRestApi(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let existing = try requireApi(call.label("restapi_id"), tx)
        let options = try OpenAPIImportOptions(query: call.query)
        let definition = try Self.definition(call, restApiId: existing.api.id, options: options)
        let content = try definition.applied(to: existing, apiId: existing.api.id, now: call.now, options: options)
        try tx.updateRestApi(content)
        let warnings = try Self.storeDocumentation(of: definition, in: content, overwrite: options.mode == .overwrite, call, options, tx)
        return try .json(ImportedRestApi(api: content.api, warnings: definition.warnings + warnings))
    }

    /// The call's body as a definition; warnings refused under `failonwarnings=true`.
    private static func definition(_ call: AdminCall, restApiId: String,
                                   options: OpenAPIImportOptions) throws(OpenAPIImportError) -> OpenAPIDefinition {
        let document = try OpenAPIImporter.read(call.body)
        let definition = try OpenAPIImporter.definition(of: document, restApiId: restApiId, options: options)
        if options.failOnWarnings && !definition.warnings.isEmpty { throw .warnings(definition.warnings) }
        return definition
    }

    /// The document's `x-amazon-apigateway-documentation` written to the API's documentation parts
    /// in the call's transaction (`writeDocumentationParts`, as ImportDocumentationParts does).
    /// `overwrite` (PutRestApi `mode=overwrite`) replaces every part, so a document without the
    /// extension leaves none; `ignore=documentation` leaves the parts untouched. The extension's
    /// `version` becomes a documentation version (a snapshot of the parts after the write) unless
    /// one of that name exists, which is a warning. Returns the warnings.
    private static func storeDocumentation(of definition: OpenAPIDefinition, in content: DeploymentContent, overwrite: Bool,
                                           _ call: AdminCall, _ options: OpenAPIImportOptions,
                                           _ tx: ConfigTransaction) throws -> [String] {
        guard !options.ignoreDocumentation, definition.documentationParts != nil || overwrite else { return [] }
        let parts = try (definition.documentationParts ?? []).map { part in
            (try DocumentationPartRules.location(part.location, operation: call.operation.name),
             try DocumentationPartRules.properties(part.properties))
        }
        _ = try writeDocumentationParts(parts, overwrite: overwrite, in: content, tx)
        guard let name = definition.documentationVersion, !name.isEmpty else { return [] }
        let version = DocumentationVersion(version: name, createdDate: call.now, description: nil)
        guard try tx.insertDocumentationVersion(restApiId: content.api.id, version,
                                                parts: try tx.documentationParts(restApiId: content.api.id)) else {
            let warning = "Documentation version \(name) already exists: not replaced"
            if options.failOnWarnings { throw OpenAPIImportError.warnings([warning]) }
            return [warning]
        }
        return []
    }

    func getExport(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let apiId = call.label("restapi_id")
        guard try tx.restApi(apiId) != nil, let stage = try tx.stage(restApiId: apiId, name: call.label("stage_name")) else {
            throw AdminError.notFound("Invalid stage identifier specified")
        }
        let type = call.label("export_type")
        guard let format = OpenAPIExporter.Format(rawValue: type) else { throw AdminError.badRequest("No API exporter for type '\(type)'") }
        var extensions: OpenAPIExporter.Extensions = []
        for name in (call.queryValue("extensions") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch name {
            case "integrations": extensions.insert(.integrations)
            case "authorizers": extensions.insert(.authorizers)
            case "apigateway": extensions = .all
            case "postman":
                throw AdminError.badRequest("Tollgate does not write the Postman export extensions (extensions=postman)")
            default:
                throw AdminError.badRequest("Invalid extensions specified: \(name). Valid values are integrations, authorizers, apigateway, postman")
            }
        }
        guard let content = try tx.deploymentContent(restApiId: apiId, id: stage.deploymentId),
              let deployment = try tx.deployment(restApiId: apiId, id: stage.deploymentId) else {
            throw AdminError.notFound("Invalid stage identifier specified")
        }
        // AWS exports "a stage-specific documentation snapshot": the parts of the documentation
        // version the stage names; a stage naming none exports the API's current parts.
        var parts = try tx.documentationParts(restApiId: apiId)
        if let version = stage.documentationVersion {
            parts = try tx.documentationVersionParts(restApiId: apiId, version: version) ?? []
        }
        let exporter = OpenAPIExporter(content: content, format: format, stageName: stage.stageName, region: configuration.region,
                                       deployedAt: deployment.createdDate, extensions: extensions,
                                       documentationParts: parts, documentationVersion: stage.documentationVersion)
        let document = exporter.document()
        let yaml = call.accept?.lowercased().contains("application/yaml") == true
        let text = yaml ? YAMLWriter.write(document) : document.serialized()
        let file = "\(type)_\(OpenAPIExporter.timestamp(call.now)).\(yaml ? "yaml" : "json")"
        // AWS answers every export as application/octet-stream (the CLI's documented output).
        return AdminReply(body: Array(text.utf8), contentType: "application/octet-stream",
                          headers: [("Content-Disposition", "attachment; filename=\"\(file)\"")])
    }
}
