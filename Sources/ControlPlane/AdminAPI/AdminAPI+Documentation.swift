import Foundation
import Shared

/// Documentation parts (Create, Get, GetDocumentationParts with `type`/`name`/`path` filters,
/// Update `/properties`, Delete, ImportDocumentationParts from an OpenAPI document's
/// `x-amazon-apigateway-documentation`) and documentation versions (Create, optionally onto a stage;
/// Get(s); Update `/description`; Delete). Stored only: nodes serve no documentation.
extension AdminAPI {
    static let documentationParts = restApis.child(label: "part_id", notFound: "Invalid Documentation part identifier specified") {
        tx, content, id in try tx.documentationPart(restApiId: content.api.id, id: id)
    }
    static let documentationVersions = restApis.child(label: "doc_version", notFound: "Invalid Documentation version identifier specified") {
        tx, content, version in try tx.documentationVersion(restApiId: content.api.id, version: version)
    }

    static let documentationHandlers: [String: Handler] = [
        "CreateDocumentationPart": documentationParts.createHandler(CreateDocumentationPartInput.self, idLength: ResourceID.childLength,
                                                                    make: { input, id, content, call, tx in
            let operation = call.operation.name
            guard let location = input.location else { throw AdminError.missing("location", in: operation) }
            guard let properties = input.properties else { throw AdminError.missing("properties", in: operation) }
            let part = DocumentationPart(id: id, location: try DocumentationPartRules.location(location, operation: operation),
                                         properties: try DocumentationPartRules.properties(properties))
            if try tx.documentationParts(restApiId: content.api.id).contains(where: { $0.location == part.location }) {
                throw AdminError.conflict("Documentation part already exists for the specified location")
            }
            return part
        }, save: { part, content, _, tx in try tx.putDocumentationPart(restApiId: content.api.id, part) }),
        "GetDocumentationParts": documentationParts.listHandler { content, call, tx in
            if let status = call.queryValue("locationStatus"), status != "DOCUMENTED" {
                guard status == "UNDOCUMENTED" else {
                    throw AdminError.notInEnum(status, "locationStatus", in: call.operation.name, allowed: ["DOCUMENTED", "UNDOCUMENTED"])
                }
                throw AdminError.notImplemented("Tollgate does not list undocumented entities (locationStatus=UNDOCUMENTED)")
            }
            return try tx.documentationParts(restApiId: content.api.id).filter { part in
                (call.queryValue("type").map { part.location.type == $0 } ?? true)
                    && (call.queryValue("name").map { part.location.name?.contains($0) == true } ?? true)
                    && (call.queryValue("path").map { part.location.path == $0 } ?? true)
            }
        },
        "GetDocumentationPart": documentationParts.getHandler(),
        "UpdateDocumentationPart": documentationParts.updateHandler(apply: { patch, part, _ in
            guard patch.op == "replace", patch.path == "/properties" else { throw patch.invalidPath(mustBeOneOf: ["/properties"]) }
            part.properties = try DocumentationPartRules.properties(try patch.requiredValue())
        }, save: { part, content, _, tx in try tx.putDocumentationPart(restApiId: content.api.id, part) }),
        "DeleteDocumentationPart": documentationParts.deleteHandler { tx, content, id in
            try tx.deleteDocumentationPart(restApiId: content.api.id, id: id)
        },
        "ImportDocumentationParts": { try $0.importDocumentationParts(&$1, $2) },
        "CreateDocumentationVersion": { try $0.createDocumentationVersion(&$1, $2) },
        "GetDocumentationVersions": documentationVersions.listHandler { content, _, tx in try tx.documentationVersions(restApiId: content.api.id) },
        "GetDocumentationVersion": documentationVersions.getHandler(),
        "UpdateDocumentationVersion": documentationVersions.updateHandler(apply: { patch, version, _ in
            guard patch.op == "replace", patch.path == "/description" else { throw patch.invalidPath(mustBeOneOf: ["/description"]) }
            version.description = patch.value
        }, save: { version, content, _, tx in try tx.updateDocumentationVersion(restApiId: content.api.id, version) }),
        "DeleteDocumentationVersion": documentationVersions.deleteHandler { tx, content, version in
            try tx.deleteDocumentationVersion(restApiId: content.api.id, version: version)
        },
    ]

    /// Body of CreateDocumentationPart.
    struct CreateDocumentationPartInput: Decodable {
        var location: DocumentationPartLocation?
        var properties: String?
    }

    /// Body of CreateDocumentationVersion.
    struct CreateDocumentationVersionInput: Decodable {
        var documentationVersion: String?
        var stageName: String?
        var description: String?
    }

    func createDocumentationVersion(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let apiId = try Self.restApis.require(self, call, tx).api.id
        let input = try call.input(CreateDocumentationVersionInput.self)
        guard let name = input.documentationVersion, !name.isEmpty else { throw AdminError.missing("documentationVersion", in: call.operation.name) }
        var stage: Stage?
        if let stageName = input.stageName {
            guard let found = try tx.stage(restApiId: apiId, name: stageName) else { throw AdminError.notFound("Invalid Stage identifier specified") }
            stage = found
        }
        let version = DocumentationVersion(version: name, createdDate: call.now, description: input.description)
        guard try tx.insertDocumentationVersion(restApiId: apiId, version, parts: try tx.documentationParts(restApiId: apiId)) else {
            throw AdminError.conflict("Documentation version already exists")
        }
        if var stage {
            stage.documentationVersion = name
            stage.lastUpdatedDate = call.now
            try tx.putStage(restApiId: apiId, stage)
        }
        call.targets.append(name)
        return try .json(version)
    }

    /// ImportDocumentationParts: `mode=merge` (default: a part at a location already documented gets
    /// the imported properties, others are added) or `overwrite` (every existing part is deleted
    /// first). A part that fails the location rules is a warning, or the call's 400 with
    /// `failonwarnings=true`. The body is an OpenAPI document in JSON.
    func importDocumentationParts(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let content = try Self.restApis.require(self, call, tx)
        let mode = call.queryValue("mode") ?? "merge"
        guard mode == "merge" || mode == "overwrite" else {
            throw AdminError.notInEnum(mode, "mode", in: call.operation.name, allowed: ["merge", "overwrite"])
        }
        guard let document = (try? JSONSerialization.jsonObject(with: Data(call.body))) as? [String: Any] else {
            throw AdminError.badRequest("Invalid documentation: the body must be an OpenAPI document in JSON")
        }
        let extensionBody = document["x-amazon-apigateway-documentation"] as? [String: Any]
        let imported = extensionBody?["documentationParts"] as? [Any] ?? []
        var warnings: [String] = []
        var parts: [(DocumentationPartLocation, String)] = []
        for (index, entry) in imported.enumerated() {
            do {
                guard let object = entry as? [String: Any], let locationObject = object["location"] as? [String: Any],
                      let propertiesObject = object["properties"], propertiesObject is String || propertiesObject is [String: Any] else {
                    throw AdminError.badRequest("a documentation part needs a location and properties")
                }
                let location = try JSONDecoder().decode(DocumentationPartLocation.self,
                                                        from: JSONSerialization.data(withJSONObject: locationObject))
                var properties = propertiesObject as? String ?? ""
                if !(propertiesObject is String) {
                    properties = String(decoding: try JSONSerialization.data(withJSONObject: propertiesObject, options: [.sortedKeys]), as: UTF8.self)
                }
                parts.append((try DocumentationPartRules.location(location, operation: call.operation.name),
                              try DocumentationPartRules.properties(properties)))
            } catch let error as AdminError {
                warnings.append("Documentation part \(index): \(error.message)")
            } catch {
                warnings.append("Documentation part \(index): invalid location")
            }
        }
        if call.queryFlag("failonwarnings") && !warnings.isEmpty { throw AdminError.badRequest(warnings.joined(separator: "; ")) }
        let ids = try Self.writeDocumentationParts(parts, overwrite: mode == "overwrite", in: content, tx)
        /// botocore `DocumentationPartIds`.
        struct Result: Encodable { var ids: [String]; var warnings: [String] }
        return try .json(Result(ids: ids, warnings: warnings))
    }

    /// Writes checked parts into the API's documentation in the call's transaction, as
    /// ImportDocumentationParts, ImportRestApi and PutRestApi do: `overwrite` deletes every existing
    /// part first; otherwise a part at a location already documented gets the new properties and
    /// the others are added. Returns the ids written, in the parts' order.
    static func writeDocumentationParts(_ parts: [(DocumentationPartLocation, String)], overwrite: Bool,
                                        in content: DeploymentContent, _ tx: ConfigTransaction) throws -> [String] {
        let apiId = content.api.id
        if overwrite { try tx.deleteDocumentationParts(restApiId: apiId) }
        var existing = try tx.documentationParts(restApiId: apiId)
        var ids: [String] = []
        for (location, properties) in parts {
            if let index = existing.firstIndex(where: { $0.location == location }) {
                existing[index].properties = properties
                try tx.putDocumentationPart(restApiId: apiId, existing[index])
                ids.append(existing[index].id)
            } else {
                let part = DocumentationPart(id: try documentationParts.freshID(length: ResourceID.childLength, in: content, tx),
                                             location: location, properties: properties)
                try tx.putDocumentationPart(restApiId: apiId, part)
                existing.append(part)
                ids.append(part.id)
            }
        }
        return ids
    }
}
