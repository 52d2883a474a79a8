import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIRequestValidatorsTests {
    @Test func createDefaultsBothChecksToFalse() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let created = h.call("POST", "/restapis/\(id)/requestvalidators", ["name": "none"])
        #expect(created.status == 201 && created.string("id")?.count == 6)
        #expect(created["validateRequestBody"] as? Bool == false && created["validateRequestParameters"] as? Bool == false)
        let both = h.call("POST", "/restapis/\(id)/requestvalidators", ["name": "all", "validateRequestBody": true,
                                                                        "validateRequestParameters": true])
        #expect(both["validateRequestBody"] as? Bool == true)
        #expect(h.call("GET", "/restapis/\(id)/requestvalidators").items.map { $0["name"] as? String } == ["none", "all"])
        #expect(h.call("GET", "/restapis/\(id)/requestvalidators/\(both.string("id")!)").string("name") == "all")
    }

    @Test func blankNamesAndUnknownIdsAreRefused() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        #expect(h.call("POST", "/restapis/\(id)/requestvalidators", [String: Any]()).message == "Request Validator name cannot be blank")
        #expect(h.call("POST", "/restapis/\(id)/requestvalidators", ["name": ""]).message == "Request Validator name cannot be blank")
        for verb in ["GET", "DELETE"] {
            let result = h.call(verb, "/restapis/\(id)/requestvalidators/nope")
            #expect(result.status == 404 && result.message == "Invalid Request Validator identifier specified")
        }
        #expect(h.call("GET", "/restapis/nope/requestvalidators").message == "Invalid API identifier specified 123456789012:nope")
    }

    @Test func updateRequestValidatorPatchPaths() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let vid = h.call("POST", "/restapis/\(id)/requestvalidators", ["name": "v"]).string("id")!
        let base = "/restapis/\(id)/requestvalidators/\(vid)"
        let updated = h.patch(base, [("replace", "/name", "w"), ("replace", "/validateRequestBody", "true"),
                                     ("replace", "/validateRequestParameters", "true")])
        #expect(updated.string("name") == "w" && updated["validateRequestBody"] as? Bool == true
            && updated["validateRequestParameters"] as? Bool == true)
        #expect(h.patch(base, [("replace", "/name", "")]).message == "Request Validator name cannot be blank")
        #expect(h.patch(base, [("replace", "/id", "x")]).message
            == "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]")
        #expect(h.patch(base, [("add", "/name", "x")]).message
            == "Invalid patch path  '/name' specified for op 'add'. Please choose supported operations")
        #expect(h.patch(base, [("replace", "/validateRequestBody", "maybe")]).status == 400)
        #expect(h.call("GET", base).string("name") == "w")
    }

    @Test func aDeploymentWhoseMethodsUseAValidatorIsServedAndAValidatorInUseCannotBeDeleted() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let vid = h.call("POST", "/restapis/\(deployed.id)/requestvalidators", ["name": "all", "validateRequestBody": true]).string("id")!
        let method = "/restapis/\(deployed.id)/resources/\(deployed.pets)/methods/GET"
        #expect(h.patch(method, [("replace", "/requestValidatorId", "nope")]).message == "Invalid Request Validator identifier specified")
        #expect(h.patch(method, [("replace", "/requestValidatorId", vid)]).string("requestValidatorId") == vid)
        #expect(h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"]).status == 201)
        let inUse = h.call("DELETE", "/restapis/\(deployed.id)/requestvalidators/\(vid)")
        #expect(inUse.status == 409)
        #expect(h.patch(method, [("replace", "/requestValidatorId", "")]).status == 200)
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/requestvalidators/\(vid)").status == 202)
    }

    @Test func aDeploymentWhoseValidatedModelReferencesAMissingModelIsRefused() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let ref = "https://apigateway.amazonaws.com/restapis/\(deployed.id)/models/Missing"
        let schema = #"{"type": "object", "properties": {"pet": {"$ref": "\#(ref)"}}}"#
        #expect(h.call("POST", "/restapis/\(deployed.id)/models", ["name": "Order", "contentType": "application/json",
                                                                 "schema": schema]).status == 201)
        let vid = h.call("POST", "/restapis/\(deployed.id)/requestvalidators", ["name": "body", "validateRequestBody": true]).string("id")!
        let method = "/restapis/\(deployed.id)/resources/\(deployed.pets)/methods/GET"
        #expect(h.patch(method, [("replace", "/requestValidatorId", vid),
                                 ("add", "/requestModels/application~1json", "Order")]).status == 200)
        let refused = h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"])
        #expect(refused.status == 400 && refused.errorType == "BadRequestException")
        #expect(refused.message?.hasPrefix("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified for model Order") == true)
        #expect(h.call("GET", "/restapis/\(deployed.id)/deployments").items.count == 1)
    }
}
