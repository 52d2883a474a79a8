import Shared

/// apigatewayv2 ImportApi, ReimportApi and ExportApi for HTTP APIs (OpenAPI 3.0, JSON or YAML).
///
/// The document is read and checked whole (`V2OpenAPIImporter`, then every route as CreateRoute
/// checks it) before the API is written in the call's transaction: a document with an error, or
/// with a warning under `failOnWarnings=true`, stores nothing. ReimportApi overwrites the API's
/// routes, integrations, authorizers and CORS and deploys its `autoDeploy` stages.
extension AdminAPI {
    static let v2ImportHandlers: [String: Handler] = [
        "ImportApi": { try $0.importV2Api(&$1, $2) },
        "ReimportApi": { try $0.reimportV2Api(&$1, $2) },
        "ExportApi": { try $0.exportV2Api(&$1, $2) },
    ]

    /// Body of ImportApi and ReimportApi: the document as a string.
    struct V2ImportInput: Decodable {
        var body: String?
    }

    func importV2Api(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        var id = ResourceID.generate(length: ResourceID.restApiLength)
        while try tx.apiIdInUse(id) { id = ResourceID.generate(length: ResourceID.restApiLength) }
        let api = V2Api(apiId: id, name: "", protocolType: "HTTP", routeSelectionExpression: V2Api.httpRouteSelectionExpression,
                        apiKeySelectionExpression: V2Api.defaultApiKeySelectionExpression,
                        apiEndpoint: V2Api.endpoint(apiId: id, region: configuration.region, protocolType: "HTTP"),
                        createdDate: AdminAPI.iso8601(call.now), disableExecuteApiEndpoint: false, ipAddressType: "ipv4",
                        tags: [:])
        let definition = try Self.v2Definition(call)
        var document = try definition.applied(to: V2ApiDocument(api: api))
        v2AutoDeploy(&document, call)
        try tx.insertV2Api(document, created: call.now)
        call.targets.append(id)
        return try .json(V2ImportedApi(api: document.api, warnings: definition.warnings))
    }

    func reimportV2Api(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let existing = try v2Document(call, tx)
        guard existing.api.isHTTP else { throw AdminError.badRequest("ReimportApi is supported only for HTTP APIs") }
        let definition = try Self.v2Definition(call)
        var document = try definition.applied(to: existing)
        try v2Save(&document, call, tx, configurationChanged: true)
        return try .json(V2ImportedApi(api: document.api, warnings: definition.warnings))
    }

    /// The call's `body` as a definition; `basepath` and `failOnWarnings` from its query.
    private static func v2Definition(_ call: AdminCall) throws -> V2ImportedDefinition {
        let input = try call.input(V2ImportInput.self)
        guard let body = input.body else { throw AdminAPI.v2Missing("body") }
        var basePath = OpenAPIImportOptions.BasePath.ignore
        if let text = call.queryValue("basepath") {
            guard let mode = OpenAPIImportOptions.BasePath(rawValue: text) else {
                throw AdminError.badRequest("Invalid value for basepath parameter: \(text). Valid values are: ignore, prepend, split")
            }
            basePath = mode
        }
        var taken: [String] = []
        let document = try OpenAPIImporter.read(Array(body.utf8))
        var definition = try V2OpenAPIImporter.definition(of: document, basePath: basePath) {
            let id = AdminAPI.v2FreshId(taken)
            taken.append(id)
            return id
        }
        if let written = V2OpenAPIImporter.writtenInfoVersion(Array(body.utf8)) { definition.version = written }
        if call.queryFlag("failOnWarnings"), !definition.warnings.isEmpty {
            throw OpenAPIImportError.warnings(definition.warnings)
        }
        return definition
    }

    func exportV2Api(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let document = try v2Document(call, tx)
        let specification = call.label("specification")
        guard specification == "OAS30" else {
            throw AdminError.badRequest("Invalid specification: \(specification). The only supported value is OAS30")
        }
        guard document.api.isHTTP else { throw AdminError.badRequest("ExportApi is supported only for HTTP APIs") }
        guard let outputType = call.queryValue("outputType") else { throw AdminAPI.v2Missing("outputType") }
        guard ["JSON", "YAML"].contains(outputType) else {
            throw AdminError.badRequest("Invalid outputType: \(outputType). Must be one of [JSON, YAML]")
        }
        if let version = call.queryValue("exportVersion"), version != "1.0" {
            throw AdminError.badRequest("Invalid exportVersion: \(version). The only supported value is 1.0")
        }
        var includeExtensions = true
        if let text = call.queryValue("includeExtensions") {
            guard let flag = Bool(text.lowercased()) else { throw AdminError.badRequest("Invalid includeExtensions: \(text)") }
            includeExtensions = flag
        }
        var content = document.deployable
        let stageName = call.queryValue("stageName")
        if let stageName {
            guard let stage = document.stages.first(where: { $0.stageName == stageName }) else {
                throw AdminError.notFound("Invalid stage identifier specified \(stageName)")
            }
            guard let id = stage.deploymentId, let deployment = document.deployments.first(where: { $0.deploymentId == id }) else {
                throw AdminError.badRequest("Stage \(stageName) has no deployment to export")
            }
            content = deployment.content
        }
        let exported = V2OpenAPIExporter(api: document.api, content: content, stageName: stageName,
                                         includeExtensions: includeExtensions).document()
        let text = outputType == "YAML" ? YAMLWriter.write(exported) : exported.serialized()
        return AdminReply(body: Array(text.utf8), contentType: "application/octet-stream")
    }
}

/// An Api with ImportApi's and ReimportApi's `warnings` (botocore's `Warnings`), omitted when none.
struct V2ImportedApi: Encodable {
    let api: V2Api
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
