import Foundation
import Testing
@testable import Shared

@Suite struct SnapshotCodecAssemblyTests {
    /// A snapshot exercising every member: several stages (one sharing a deployment), strings that
    /// need escaping, fractional throttles, keys, plans, nodes, VPC links and a non-default account.
    static func rich() -> Snapshot {
        var snapshot = SnapshotCodecTests.sample(revision: 9_007_199_254_740_993)
        var second = snapshot.stages[0]
        second.stage.stageName = "dev"
        second.stage.description = "quote \" backslash \\ slash / unicode é \u{1F600} control \u{01}"
        var setting = MethodSetting()
        setting.throttlingRateLimit = 0.1
        setting.throttlingBurstLimit = 3
        second.stage.methodSettings = ["*/*": setting, "pets/{id}/GET": setting]
        var other = snapshot.stages[0]
        other.restApiId = "zyxwvutsrq"
        other.deployment.api.id = "zyxwvutsrq"
        other.deployment.resources.append(Resource(
            id: "res001", parentId: "root000001", pathPart: "{proxy+}", path: "/{proxy+}",
            resourceMethods: ["ANY": Method(httpMethod: "ANY", methodIntegration: Integration(
                type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://${stageVariables.host}/{proxy}",
                requestParameters: ["integration.request.path.proxy": "method.request.path.proxy"]))]))
        snapshot.stages += [second, other]
        snapshot.usagePlans = [SnapshotUsagePlan(
            plan: UsagePlan(id: "plan01", name: "gold",
                            apiStages: [ApiStage(apiId: "abcdefghij", stage: "prod",
                                                 throttle: ["//GET": ThrottleSettings(burstLimit: 1, rateLimit: 2.5)])],
                            throttle: ThrottleSettings(burstLimit: 20, rateLimit: 1e-3),
                            quota: QuotaSettings(limit: 1000, offset: 5, period: "WEEK")),
            keyIds: ["key0000001"], strictQuota: false)]
        snapshot.account.throttleSettings = ThrottleSettings(burstLimit: 7, rateLimit: 123.456)
        snapshot.gossip = SnapshotGossip(nodeId: "control-plane", address: "[::1]:7946", mintAuthority: "00000000c0ffee00")
        snapshot.epoch = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
        snapshot.vpcLinks = [SnapshotVpcLink(id: "link01", targetArns: ["10.0.0.1:80", "[::1]:8080"])]
        snapshot.webSocketApis = [SnapshotWebSocketApi(
            apiId: "wsapi00001", name: "chat", routeSelectionExpression: "$request.body.action",
            stages: [SnapshotHttpApiStage(stageName: "prod", deploymentId: "dep001", deployment: V2DeployedContent(
                routes: [V2Route(routeId: "r1", routeKey: "$connect", apiKeyRequired: false, authorizationType: "NONE",
                                 target: "integrations/i1")],
                integrations: [V2Integration(integrationId: "i1", integrationType: "MOCK", connectionType: "INTERNET",
                                             requestTemplates: ["$default": #"{"statusCode": 200}"#], timeoutInMillis: 29_000)],
                authorizers: []))])]
        return snapshot
    }

    static func preencoded(_ snapshot: Snapshot) -> [SnapshotCodec.PreencodedStage] {
        snapshot.stages.map {
            SnapshotCodec.PreencodedStage(restApiId: $0.restApiId, stage: $0.stage, deploymentJSON: SnapshotCodec.canonicalJSON($0.deployment))
        }
    }

    @Test(arguments: [rich(), SnapshotCodecTests.sample(), Snapshot(revision: 0, stages: [], apiKeys: [], usagePlans: [], account: Account(), nodes: [])])
    func assemblyIsByteIdenticalToEncoding(_ snapshot: Snapshot) throws {
        var header = snapshot
        header.stages = []
        header.checksum = "ignored"
        let assembled = SnapshotCodec.seal(header: header, stages: Self.preencoded(snapshot))
        var sealed = snapshot
        let encoded = SnapshotCodec.seal(&sealed)
        #expect(assembled.bytes == encoded)
        #expect(assembled.checksum == sealed.checksum)
        var expected = snapshot
        expected.checksum = assembled.checksum
        #expect(try SnapshotCodec.decode(assembled.bytes) == expected)
    }

    /// Snapshots cached by nodes before epochs existed have no `epoch` member; one without an epoch
    /// still encodes without it, so those files keep their bytes and checksums and decode to nil.
    @Test func aSnapshotWithoutAnEpochHasNoEpochMember() throws {
        let bytes = SnapshotCodec.encode(SnapshotCodecTests.sample())
        #expect(!String(decoding: bytes, as: UTF8.self).contains(#""epoch""#))
        #expect(try SnapshotCodec.decode(bytes).epoch == nil)
        #expect(try SnapshotCodec.decode(SnapshotCodec.encode(Self.rich())).epoch == "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    }

    @Test func assembledMembersAreExactlyTheModelsStoredProperties() {
        let snapshot = Self.rich()
        #expect(Mirror(reflecting: snapshot).children.compactMap(\.label).sorted() == SnapshotCodec.snapshotFields)
        #expect(Mirror(reflecting: snapshot.stages[0]).children.compactMap(\.label).sorted() == SnapshotCodec.stageFields)
    }
}
