import Testing
@testable import Shared

/// `SnapshotCompiler.validate(deploymentOn:)` — one compile of a deployment onto a stage — answers
/// exactly what `validate(content)` and then `compileStage(entry)` answer in turn.
@Suite struct SnapshotCompilerDeploymentOnStageTests {
    typealias F = CompileFixtures

    /// The two-check answer the one-pass check must equal.
    private func twoChecks(_ entry: SnapshotStage) -> String? {
        if let message = SnapshotCompiler.validationMessage(for: entry.deployment) { return message }
        do throws(CompileError) {
            _ = try SnapshotCompiler.compileStage(entry)
            return nil
        } catch {
            return error.message
        }
    }

    static let integrations: [Integration?] = [
        F.proxy("http://example.com/{proxy}"),
        F.proxy("http://${stageVariables.host}/x"),
        F.proxy("${stageVariables.url}"),
        F.proxy("http://${stageVariables.host/x"),
        F.proxy("not a uri"),
        F.proxy(""),
        Integration(type: "MOCK"),
        Integration(type: "AWS"),
        Integration(type: "HTTP", httpMethod: "BREW", uri: "http://example.com"),
        Integration(type: "AWS_PROXY", httpMethod: "POST",
                    uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations"),
        Integration(type: "AWS_PROXY", httpMethod: "POST", uri: "${stageVariables.arn}"),
        Integration(type: "AWS_PROXY", httpMethod: "GET", uri: "arn:aws:lambda:us-east-1:123456789012:function:f"),
        nil,
    ]

    static let variables: [[String: String]?] = [nil, ["host": "127.0.0.1:9"], ["host": "", "url": "nonsense"],
                                                  ["url": "http://ok.example/", "arn": "x", "fn": "f"]]

    @Test(arguments: integrations.indices, variables.indices)
    func onePassAnswersAsTheTwoChecksInTurn(integration: Int, variables: Int) {
        let content = F.content([("/a", ["GET": F.method("GET", Self.integrations[integration])]),
                                 ("/b", ["POST": F.method("POST", Integration(type: "MOCK"))])])
        let entry = SnapshotStage(restApiId: content.api.id, stage: F.stage("prod", variables: Self.variables[variables]),
                                  deployment: content)
        #expect(SnapshotCompiler.validationMessage(forDeploymentOn: entry) == twoChecks(entry))
    }

    @Test func aDefinitionWithoutMethodsIsRefusedOnAStageToo() {
        let content = F.content([("/a", [:])])
        let entry = SnapshotStage(restApiId: content.api.id, stage: F.stage("prod"), deployment: content)
        #expect(SnapshotCompiler.validationMessage(forDeploymentOn: entry) == SnapshotCompiler.validationMessage(for: content))
        #expect(SnapshotCompiler.validationMessage(forDeploymentOn: entry) != nil)
    }

    @Test func theDefinitionsTargetCheckAppliesEvenWhenTheStageResolvesIt() {
        // `${stageVariables.url}` alone is no URI until a stage fills it: the definition is refused
        // although this stage's value would make it valid — as `validate` refuses it.
        let content = F.content([("/a", ["GET": F.method("GET", F.proxy("${stageVariables.url}"))])])
        let entry = SnapshotStage(restApiId: content.api.id, stage: F.stage("prod", variables: ["url": "http://ok.example/"]),
                                  deployment: content)
        #expect(SnapshotCompiler.validationMessage(for: content) != nil)
        #expect(SnapshotCompiler.validationMessage(forDeploymentOn: entry) == SnapshotCompiler.validationMessage(for: content))
    }
}
