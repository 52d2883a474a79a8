import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIModelsTests {
    static let petSchema = #"{"$schema":"http://json-schema.org/draft-04/schema#","title":"Pet","type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}}}"#

    @Test func createGetListAndDeleteAModel() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let created = h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json",
                                                               "schema": Self.petSchema, "description": "a pet"])
        #expect(created.status == 201)
        #expect(created.string("id")?.count == 6 && created.string("name") == "Pet")
        #expect(created.string("schema") == Self.petSchema && created.string("contentType") == "application/json")
        #expect(h.call("GET", "/restapis/\(id)/models/Pet").string("description") == "a pet")
        #expect(h.call("GET", "/restapis/\(id)/models").items.map { $0["name"] as? String } == ["Pet"])
        #expect(h.call("DELETE", "/restapis/\(id)/models/Pet").status == 202)
        let gone = h.call("GET", "/restapis/\(id)/models/Pet")
        #expect(gone.status == 404 && gone.message == "Invalid model name specified: Pet")
    }

    @Test(arguments: [
        (#"{"contentType": "application/json", "schema": "{}"}"#,
         "1 validation error detected: Value null at 'createModelInput.name' failed to satisfy constraint: Member must not be null"),
        (#"{"name": "Pet", "schema": "{}"}"#,
         "1 validation error detected: Value null at 'createModelInput.contentType' failed to satisfy constraint: Member must not be null"),
        (#"{"name": "Pet", "contentType": "application/json"}"#, "Model schema must have at least 1 property or array items defined"),
        (#"{"name": "Pet", "contentType": "application/json", "schema": "{not json"}"#,
         "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]"),
        (#"{"name": "Pet", "contentType": "application/json", "schema": "[1]"}"#,
         "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified. The schema must be a JSON object]"),
        (#"{"name": "My-Pet", "contentType": "application/json", "schema": "{}"}"#, "Model name must be alphanumeric: My-Pet"),
    ])
    func createRefusesWithAWSsMessages(body: String, message: String) throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let result = h.call("POST", "/restapis/\(id)/models", body)
        #expect(result.status == 400 && result.message == message)
        #expect(h.call("GET", "/restapis/\(id)/models").items.isEmpty)
    }

    /// The schema must be valid JSON Schema draft 4 (Shared/JSONSchema), not just a JSON object.
    @Test(arguments: [
        (#"{"type": 5}"#, #"invalid "type""#),
        (#"{"required": []}"#, #"invalid "required""#),
        (#"{"properties": {"a": {"pattern": "(?<=x)a"}}}"#, "invalid regular expression"),
        (##"{"properties": {"a": {"$ref": "#/definitions/missing"}}}"##, "cannot resolve $ref"),
    ])
    func createRefusesSchemasThatAreNotDraft4(schema: String, reason: String) throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let result = h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": schema])
        #expect(result.status == 400)
        #expect(result.message?.hasPrefix("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified: ") == true)
        #expect(result.message?.contains(reason) == true, "\(result.message ?? "")")
        #expect(h.call("GET", "/restapis/\(id)/models").items.isEmpty)
    }

    /// Models may be created in any order: a reference to another model, absolute or relative, is
    /// accepted on write.
    @Test func referencesToOtherModelsAreAcceptedOnWrite() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let absolute = #"{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/\#(id)/models/NotYet"}}"#
        #expect(h.call("POST", "/restapis/\(id)/models", ["name": "Pets", "contentType": "application/json", "schema": absolute]).status == 201)
        let relative = #"{"type":"object","properties":{"pet":{"$ref":"Pet"}}}"#
        #expect(h.call("POST", "/restapis/\(id)/models", ["name": "Owner", "contentType": "application/json", "schema": relative]).status == 201)
    }

    @Test func duplicateNamesConflict() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let body: [String: Any] = ["name": "Pet", "contentType": "application/json", "schema": "{}"]
        #expect(h.call("POST", "/restapis/\(id)/models", body).status == 201)
        let again = h.call("POST", "/restapis/\(id)/models", body)
        #expect(again.status == 409 && again.message == "Model name already exists for this REST API")
        // Every API has the built-in Empty and Error models.
        #expect(h.call("POST", "/restapis/\(id)/models", ["name": "Empty", "contentType": "application/json", "schema": "{}"]).status == 409)
    }

    @Test func flattenIsRefusedForSchemasWithReferencesRatherThanIgnored() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": "{}"])
        let list = #"{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/\#(id)/models/Pet"}}"#
        h.call("POST", "/restapis/\(id)/models", ["name": "Pets", "contentType": "application/json", "schema": list])
        #expect(h.call("GET", "/restapis/\(id)/models/Pet?flatten=true").status == 200)
        #expect(h.call("GET", "/restapis/\(id)/models/Pets?flatten=true").status == 501)
        #expect(h.call("GET", "/restapis/\(id)/models/Pets").string("schema") == list)
    }

    @Test func updateModelPatchPaths() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": "{}"])
        let base = "/restapis/\(id)/models/Pet"
        let updated = h.patch(base, [("replace", "/schema", Self.petSchema), ("replace", "/description", "d")])
        #expect(updated.status == 200 && updated.string("schema") == Self.petSchema && updated.string("description") == "d")
        #expect(h.patch(base, [("replace", "/name", "X")]).message
            == "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]")
        #expect(h.patch(base, [("add", "/description", "x")]).message
            == "Invalid patch path  '/description' specified for op 'add'. Please choose supported operations")
        #expect(h.patch(base, [("replace", "/schema", "nope")]).status == 400)
        #expect(h.call("GET", base).string("schema") == Self.petSchema)
        #expect(h.patch("/restapis/\(id)/models/Nope", [("replace", "/description", "x")]).message == "Invalid model name specified: Nope")
    }

    @Test func methodsMayNameStoredModelsAndAModelInUseCannotBeDeleted() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let method = "/restapis/\(id)/resources/\(root)/methods/POST"
        #expect(h.call("PUT", method, ["authorizationType": "NONE", "requestModels": ["application/json": "Pet"]]).message
            == "Invalid model identifier specified: Pet")
        h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": "{}"])
        #expect(h.call("PUT", method, ["authorizationType": "NONE", "requestModels": ["application/json": "Pet"]]).status == 201)
        #expect(h.call("PUT", "\(method)/responses/200", ["responseModels": ["application/json": "Pet"]]).status == 201)
        let delete = h.call("DELETE", "/restapis/\(id)/models/Pet")
        #expect(delete.status == 409 && delete.message == "Cannot delete model 'Pet', is referenced in method request: //POST")
        #expect(h.patch(method, [("remove", "/requestModels/application~1json", nil)]).status == 200)
        let response = h.call("DELETE", "/restapis/\(id)/models/Pet")
        #expect(response.status == 409 && response.message == "Cannot delete model 'Pet', is referenced in method response: //POST/200")
        #expect(h.call("DELETE", "\(method)/responses/200").status == 204)
        #expect(h.call("DELETE", "/restapis/\(id)/models/Pet").status == 202)
    }

    @Test func modelTemplateFollowsTheSchema() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": Self.petSchema])
        let template = h.call("GET", "/restapis/\(id)/models/Pet/default_template")
        #expect(template.status == 200)
        let value = try #require(template.string("value"))
        #expect(value.hasPrefix("#set($inputRoot = $input.path('$'))\n{\n"))
        #expect(value.contains(#""id" : $inputRoot.id,"#))
        #expect(value.contains(#""name" : "$inputRoot.name","#))
        #expect(value.contains("#foreach($elem in $inputRoot.tags)"))
        #expect(h.call("GET", "/restapis/\(id)/models/Nope/default_template").status == 404)
    }

    @Test func modelTemplateFollowsReferencesToOtherModels() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        h.call("POST", "/restapis/\(id)/models", ["name": "Pet", "contentType": "application/json", "schema": Self.petSchema])
        let list = #"{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/\#(id)/models/Pet"}}"#
        h.call("POST", "/restapis/\(id)/models", ["name": "Pets", "contentType": "application/json", "schema": list])
        let value = try #require(h.call("GET", "/restapis/\(id)/models/Pets/default_template").string("value"))
        #expect(value.contains("#foreach($elem in $inputRoot)") && value.contains(#""name" : "$elem.name""#))
    }

    @Test func modelsAreFrozenWithTheDeploymentAndNeedNoRefusal() throws {
        let h = try AdminHarness()
        let deployedBefore = h.deployedApi()
        h.call("POST", "/restapis/\(deployedBefore.id)/models", ["name": "Pet", "contentType": "application/json", "schema": "{}"])
        let deployment = h.deploy(deployedBefore.id, stage: "prod")
        let content = try #require(try h.store.read { tx in try tx.deploymentContent(restApiId: deployedBefore.id, id: deployment) })
        #expect(content.models?.map(\.name) == ["Pet"])
        let old = try #require(try h.store.read { tx in try tx.deploymentContent(restApiId: deployedBefore.id, id: deployedBefore.deployment) })
        #expect(old.models == nil)
    }
}
