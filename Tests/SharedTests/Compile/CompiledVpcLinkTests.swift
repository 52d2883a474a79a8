import Testing
@testable import Shared

@Suite struct CompiledVpcLinkTests {
    typealias F = CompileFixtures

    @Test(arguments: [
        ("10.0.0.7:8080", "10.0.0.7", 8080),
        ("backend.internal:80", "backend.internal", 80),
        ("127.0.0.1:1", "127.0.0.1", 1),
        ("[::1]:9000", "::1", 9000),
        ("nlb-1.example.com:65535", "nlb-1.example.com", 65535),
    ])
    func parsesAddressTargets(text: String, host: String, port: Int) {
        #expect(CompiledVpcLink.Target.parse(text) == CompiledVpcLink.Target(host: host, port: port))
    }

    @Test(arguments: [
        "", "backend", "backend:", "backend:0", "backend:65536", "backend:8o", "::1:80", "[::1]", "http://backend:80",
        "backend:80/path", "user@backend:80", "back end:80", "backend:80?x", "elb:target:arn",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/my-nlb/1234567890abcdef",
    ])
    func refusesEverythingElse(text: String) {
        #expect(CompiledVpcLink.Target.parse(text) == nil)
    }

    @Test func isUsableOnlyWhenEveryTargetIsAnAddress() {
        #expect(CompiledVpcLink(id: "l1", targetArns: []) == nil)
        #expect(CompiledVpcLink(id: "l1", targetArns: ["10.0.0.1:80", "elb:target:arn"]) == nil)
        #expect(CompiledVpcLink(id: "l1", targetArns: ["10.0.0.1:80"])?.targets == [CompiledVpcLink.Target(host: "10.0.0.1", port: 80)])
    }

    @Test func takesTheTargetsInTurn() throws {
        let link = try #require(CompiledVpcLink(id: "l1", targetArns: ["a:1", "b:2", "c:3"]))
        let picked = (0..<6).map { _ in link.next().host }
        #expect(picked == ["a", "b", "c", "a", "b", "c"])
    }

    // MARK: - Compiled into integrations

    static func content(connectionId: String, type: String = "HTTP_PROXY") -> DeploymentContent {
        F.content([("/a", ["GET": F.method("GET", Integration(type: type, httpMethod: "GET", uri: "https://backend.internal:8443/x",
                                                              connectionType: "VPC_LINK", connectionId: connectionId))])])
    }

    static func compiled(_ content: DeploymentContent, links: [String: [String]], variables: [String: String]? = nil) throws -> CompiledIntegration {
        let stage = try SnapshotCompiler.compileStage(SnapshotStage(restApiId: content.api.id, stage: F.stage("prod", variables: variables),
                                                                    deployment: content), vpcLinks: links)
        return try #require(stage.routes.first).integration
    }

    @Test func resolvesTheLinkAndKeepsTheURIsEndpoint() throws {
        let integration = try Self.compiled(Self.content(connectionId: "l1"), links: ["l1": ["127.0.0.1:9001", "127.0.0.1:9002"]])
        #expect(integration.vpcLink?.targets.map(\.port) == [9001, 9002])
        guard case .http(let endpoint) = integration.target else { Issue.record("not an HTTP target: \(integration.target)"); return }
        #expect(endpoint.host == "backend.internal" && endpoint.hostHeader == "backend.internal:8443" && endpoint.isTLS)
    }

    @Test func resolvesALinkNamedByAStageVariable() throws {
        let integration = try Self.compiled(Self.content(connectionId: "${stageVariables.vpcLinkId}"),
                                            links: ["l1": ["10.0.0.1:80"], "l2": ["10.0.0.2:80"]], variables: ["vpcLinkId": "l2"])
        #expect(integration.vpcLink?.id == "l2")
    }

    @Test(arguments: [
        ("unknown", ["l1": ["10.0.0.1:80"]], [String: String]?.none, "VPC link unknown not found"),
        ("l1", ["l1": ["elb:target:arn"]], nil, "VPC link l1 has a target Tollgate cannot connect to (targets must be host:port): elb:target:arn"),
        ("${stageVariables.link}", ["l1": ["10.0.0.1:80"]], nil, "VPC link id is empty after stage variables: ${stageVariables.link}"),
    ])
    func aLinkTheStageCannotUseMisconfiguresTheMethod(connectionId: String, links: [String: [String]], variables: [String: String]?,
                                                     reason: String) throws {
        let integration = try Self.compiled(Self.content(connectionId: connectionId), links: links, variables: variables)
        #expect(integration.vpcLink == nil)
        #expect(integration.target == .misconfigured(reason: reason))
    }

    @Test func snapshotsCarryTheirLinksToTheCompiler() throws {
        let content = Self.content(connectionId: "l1")
        var snapshot = F.snapshot([SnapshotStage(restApiId: content.api.id, stage: F.stage("prod"), deployment: content)])
        snapshot.vpcLinks = [SnapshotVpcLink(id: "l1", targetArns: ["127.0.0.1:9001"])]
        let compiled = try SnapshotCompiler.compile(snapshot)
        let stage = try #require(compiled.apis[content.api.id.lowercased()]?.stages["prod"])
        #expect(stage.routes.first?.integration.vpcLink?.targets == [CompiledVpcLink.Target(host: "127.0.0.1", port: 9001)])
        // Encoded and decoded, the links survive (the assembly writes them after usagePlans).
        let decoded = try SnapshotCodec.decode(SnapshotCodec.encode(snapshot))
        #expect(decoded.vpcLinks == snapshot.vpcLinks)
    }
}
