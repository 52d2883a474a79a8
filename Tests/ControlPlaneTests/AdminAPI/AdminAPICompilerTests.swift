import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// The admin API refuses, through the shared compiler, what a node could not serve; and settings the
/// admin API stores are read back under the same keys by the compiler.
@Suite struct AdminAPICompilerTests {
    /// An API whose root GET has `integration` (plus a 200 method response); returns its id.
    static func apiWithIntegration(_ h: AdminHarness, _ integration: Any) -> String {
        let (id, root) = h.createApi()
        let method = "/restapis/\(id)/resources/\(root)/methods/GET"
        precondition(h.call("PUT", method, ["authorizationType": "NONE"]).status == 201)
        let put = h.call("PUT", method + "/integration", integration)
        precondition(put.status == 201, "PutIntegration failed: \(put.json)")
        precondition(h.call("PUT", method + "/responses/200", [:]).status == 201)
        return id
    }

    @Test(arguments: [
        (#"{"type":"HTTP","httpMethod":"GET","uri":"http://example.com:99999/x"}"#, "Invalid HTTP endpoint specified for URI"),
        (#"{"type":"AWS","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:ec2:action/DescribeInstances","credentials":"arn:aws:iam::123456789012:role/apigw"}"#,
         "AWS service integrations for service 'ec2' are not supported by Tollgate (supported: dynamodb, kinesis, s3, sns, sqs, states)"),
        (#"{"type":"AWS","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:sqs:path/123456789012/q","credentials":"arn:aws:iam::*:user/*"}"#,
         "Integration credentials arn:aws:iam::*:user/* (call with the caller's own credentials) are not supported by Tollgate; name an IAM role mapped in the nodes' --aws-credentials file"),
        (#"{"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f"}"#,
         "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."),
        (#"{"type":"MOCK","requestParameters":{"integration.request.header.x":"nonsense"}}"#,
         "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: nonsense]"),
    ])
    func createDeploymentRefusesWhatTheCompilerRejects(_ integration: String, _ message: String) throws {
        let h = try AdminHarness()
        let id = Self.apiWithIntegration(h, integration)
        let refused = h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod"])
        #expect(refused.status == 400 && refused.errorType == "BadRequestException")
        #expect(refused.message == message)
        #expect(try h.store.read { try $0.deployments(restApiId: id) }.isEmpty)
        #expect(h.call("GET", "/restapis/\(id)/stages/prod").status == 404)
    }

    @Test func createDeploymentRefusesAnInvalidSelectionPattern() throws {
        let h = try AdminHarness()
        let id = Self.apiWithIntegration(h, ["type": "MOCK"])
        let root = try #require(h.call("GET", "/restapis/\(id)").string("rootResourceId"))
        let put = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration/responses/200", ["selectionPattern": "(unclosed"])
        #expect(put.status == 201)
        let refused = h.call("POST", "/restapis/\(id)/deployments", [:])
        #expect(refused.status == 400 && refused.message == "Invalid selection pattern specified: (unclosed")
    }

    @Test func servableDefinitionsDeployWithTheRealCompiler() throws {
        let h = try AdminHarness()
        let id = Self.apiWithIntegration(h, ["type": "HTTP_PROXY", "httpMethod": "ANY", "uri": "http://${stageVariables.host}/x"])
        #expect(h.call("POST", "/restapis/\(id)/deployments", ["stageName": "prod", "variables": ["host": "127.0.0.1:9"]]).status == 201)
    }

    @Test func stagesCannotBeCreatedOrRepointedOntoAnUnservableDeployment() throws {
        // A deployment frozen without the check (as if stored by an older build).
        let h = try AdminHarness(validateDeployment: { _ in nil })
        let deployed = h.deployedApi()
        let method = "/restapis/\(deployed.id)/resources/\(deployed.pets)/methods/GET/integration"
        #expect(h.call("PUT", method, ["type": "HTTP", "httpMethod": "GET", "uri": "http://example.com:0/"]).status == 201)
        let bad = h.deploy(deployed.id)

        let created = h.call("POST", "/restapis/\(deployed.id)/stages", ["stageName": "dev", "deploymentId": bad])
        #expect(created.status == 400 && created.message == "Invalid HTTP endpoint specified for URI")
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/dev").status == 404)

        let repointed = h.patch("/restapis/\(deployed.id)/stages/prod", [("replace", "/deploymentId", bad)])
        #expect(repointed.status == 400 && repointed.message == "Invalid HTTP endpoint specified for URI")
        #expect(h.call("GET", "/restapis/\(deployed.id)/stages/prod").string("deploymentId") == deployed.deployment)

        let redeployed = h.call("POST", "/restapis/\(deployed.id)/deployments", ["stageName": "prod"])
        #expect(redeployed.status == 400)
    }

    @Test func updateStageChecksTheStageOnlyWhenWhatCompilesChanges() throws {
        let checks = Mutex(0)
        let h = try AdminHarness(validateStage: { entry in
            checks.withLock { $0 += 1 }
            return entry.stage.methodSettings["pets/GET"]?.throttlingBurstLimit == 0 ? "refused by the stage check" : nil
        })
        let deployed = h.deployedApi()
        let stage = "/restapis/\(deployed.id)/stages/prod"
        let afterDeploy = checks.withLock { $0 }
        #expect(afterDeploy == 1)

        #expect(h.patch(stage, [("replace", "/description", "d")]).status == 200)
        #expect(checks.withLock { $0 } == afterDeploy)

        #expect(h.patch(stage, [("replace", "/~1pets/GET/throttling/burstLimit", "5")]).status == 200)
        #expect(h.patch(stage, [("replace", "/variables/host", "h")]).status == 200)
        #expect(checks.withLock { $0 } == afterDeploy + 2)

        let refused = h.patch(stage, [("replace", "/~1pets/GET/throttling/burstLimit", "0")])
        #expect(refused.status == 400 && refused.message == "refused by the stage check")
        #expect((h.call("GET", stage)["methodSettings"] as? [String: [String: Any]])?["pets/GET"]?["throttlingBurstLimit"] as? Int == 5)
    }

    // MARK: - Keys read the same way on both sides

    @Test func stageMethodSettingKeysReachTheCompiledRoutes() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        let pet = h.createResource(deployed.id, parent: deployed.pets, "{id}")
        h.putMockMethod(deployed.id, pet)
        h.putMockMethod(deployed.id, deployed.root)
        h.putMockMethod(deployed.id, deployed.pets, "POST")
        _ = h.deploy(deployed.id, stage: "prod")
        let updated = h.patch("/restapis/\(deployed.id)/stages/prod", [
            ("replace", "/*/*/throttling/rateLimit", "100"), ("replace", "/*/*/throttling/burstLimit", "50"),
            ("replace", "/~1pets~1{id}/GET/throttling/rateLimit", "7"), ("replace", "/~1pets~1{id}/GET/throttling/burstLimit", "3"),
            ("replace", "/~1/GET/throttling/rateLimit", "1"), ("replace", "/~1/GET/throttling/burstLimit", "2"),
        ])
        #expect(updated.status == 200)
        let keys = (updated["methodSettings"] as? [String: Any])?.keys.sorted()
        #expect(keys == ["*/*", "/GET", "pets/{id}/GET"])

        let snapshot = try SnapshotBuilder.build(h.store, now: h.clock.now)
        let compiled = try SnapshotCompiler.compile(snapshot)
        guard case .found(let stage) = compiled.lookup(restApiId: deployed.id[...], stage: "prod") else {
            Issue.record("stage prod not compiled")
            return
        }
        #expect(stage.route(method: "GET", path: "/pets/42")?.route.throttle == ThrottleLimits(rate: 7, burst: 3))
        #expect(stage.route(method: "GET", path: "/pets/42")?.route.methodSettingKey == "pets/{id}/GET")
        #expect(stage.route(method: "GET", path: "/")?.route.throttle == ThrottleLimits(rate: 1, burst: 2))
        #expect(stage.route(method: "POST", path: "/pets")?.route.throttle == ThrottleLimits(rate: 100, burst: 50))
        #expect(stage.route(method: "POST", path: "/pets")?.route.methodSettingKey == "*/*")
    }

    @Test func usagePlanMethodThrottleKeysMatchTheCompiledRoutes() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        h.putMockMethod(deployed.id, deployed.root)
        _ = h.deploy(deployed.id, stage: "prod")
        let key = h.call("POST", "/apikeys", ["name": "k", "enabled": true]).string("id")!
        let stageRef = "\(deployed.id):prod"
        let plan = h.call("POST", "/usageplans", [
            "name": "gold", "throttle": ["rateLimit": 10, "burstLimit": 20],
            "apiStages": [["apiId": deployed.id, "stage": "prod", "throttle": ["/pets/GET": ["rateLimit": 1, "burstLimit": 2]]]],
        ]).string("id")!
        #expect(h.call("POST", "/usageplans/\(plan)/keys", ["keyId": key, "keyType": "API_KEY"]).status == 201)
        #expect(h.patch("/usageplans/\(plan)", [
            ("replace", "/apiStages/\(stageRef)/throttle/~1/GET/rateLimit", "3"),
            ("replace", "/apiStages/\(stageRef)/throttle/~1/GET/burstLimit", "4"),
        ]).status == 200)

        let compiled = try SnapshotCompiler.compile(SnapshotBuilder.build(h.store, now: h.clock.now))
        guard case .found(let stage) = compiled.lookup(restApiId: deployed.id[...], stage: "prod") else {
            Issue.record("stage prod not compiled")
            return
        }
        let found = try #require(compiled.usagePlan(keyId: key, restApiId: deployed.id, stage: "prod"))
        let pets = try #require(stage.route(method: "GET", path: "/pets")?.route.usagePlanMethodKey)
        let root = try #require(stage.route(method: "GET", path: "/")?.route.usagePlanMethodKey)
        #expect(pets == "/pets/GET" && root == "//GET")
        #expect(found.throttle(restApiId: deployed.id, stage: "prod", methodKey: pets) == ThrottleLimits(rate: 1, burst: 2))
        #expect(found.throttle(restApiId: deployed.id, stage: "prod", methodKey: root) == ThrottleLimits(rate: 3, burst: 4))
    }
}
