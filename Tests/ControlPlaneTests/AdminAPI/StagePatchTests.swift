import Testing
@testable import ControlPlane
import Shared

@Suite struct StagePatchTests {
    @Test(arguments: [
        ("/~1pets/GET/throttling/rateLimit", "pets/GET", "throttling/rateLimit"),
        ("/~1pets~1{id}/DELETE/caching/enabled", "pets/{id}/DELETE", "caching/enabled"),
        ("/pets/{id}/GET/logging/loglevel", "pets/{id}/GET", "logging/loglevel"),
        ("/g/{proxy+}/POST/throttling/burstLimit", "g/{proxy+}/POST", "throttling/burstLimit"),
        ("/~1/GET/metrics/enabled", "/GET", "metrics/enabled"),
        ("/*/*/caching/ttlInSeconds", "*/*", "caching/ttlInSeconds"),
    ])
    func parsesMethodSettingPaths(path: String, key: String, leaf: String) {
        let target = StagePatch.methodSettingTarget(path)
        #expect(target?.key == key)
        #expect(target?.leaf == leaf)
    }

    @Test(arguments: ["/x", "/pets/ANY/caching/enabled", "/*/GET/metrics/enabled", "/pets/*/metrics/enabled", "/pets/FETCH/metrics/enabled"])
    func rejectsBadMethodSettingPaths(path: String) {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        #expect(throws: AdminError.self) {
            try StagePatch.apply(PatchOperation(op: "replace", path: path, value: "true"), to: &stage) { _ in true }
        }
    }

    @Test func removingAMissingWildcardSettingUsesAWSMessage() {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        #expect(throws: AdminError.badRequest("Cannot remove method setting */* because there is no method setting for this method ")) {
            try StagePatch.apply(PatchOperation(op: "remove", path: "/*/*"), to: &stage) { _ in true }
        }
    }

    @Test func accessLogPathsAndValues() throws {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        #expect(throws: AdminError.badRequest("Access Log value must not be empty")) {
            try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/format", value: ""), to: &stage) { _ in true }
        }
        #expect(throws: AdminError.badRequest("Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]")) {
            try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/other", value: "x"), to: &stage) { _ in true }
        }
        let arn = "arn:aws:logs:us-east-1:123456789012:log-group:shop-access"
        try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/destinationArn", value: arn), to: &stage) { _ in true }
        #expect(stage.accessLogSettings?.destinationArn == arn)
        try StagePatch.apply(PatchOperation(op: "remove", path: "/accessLogSettings"), to: &stage) { _ in true }
        #expect(stage.accessLogSettings == nil)
    }

    @Test(arguments: [
        ("$context.status $context.path", "Access Log format must include either $context.requestId or $context.extendedRequestId"),
        ("$context.requestIdX", "Access Log format must include either $context.requestId or $context.extendedRequestId"),
        ("$context.requestId\n$context.status", "Access Log format must be single line, new line character is allowed only at end of the format"),
    ])
    func refusesAccessLogFormatsAWSRefuses(format: String, message: String) {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        #expect(throws: AdminError.badRequest(message)) {
            try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/format", value: format), to: &stage) { _ in true }
        }
        #expect(stage.accessLogSettings == nil)
    }

    @Test func acceptsAFormatWithOnlyTheExtendedRequestIdAndATrailingNewline() throws {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/format", value: "$context.extendedRequestId $context.status\n"),
                             to: &stage) { _ in true }
        #expect(stage.accessLogSettings?.format == "$context.extendedRequestId $context.status\n")
    }

    @Test(arguments: ["arn:x", "arn:aws:s3:::bucket", "arn:aws:logs:us-east-1:1:log-group:../../etc/passwd",
                      "arn:aws:logs:us-east-1:1:log-group:a//b", "arn:aws:logs:us-east-1:1:log-group:a b",
                      "arn:aws:firehose:us-east-1:1:deliverystream/mine"])
    func refusesDestinationsANodeCannotWrite(arn: String) {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        #expect(throws: AdminError.self) {
            try StagePatch.apply(PatchOperation(op: "replace", path: "/accessLogSettings/destinationArn", value: arn), to: &stage) { _ in true }
        }
        #expect(stage.accessLogSettings == nil)
    }

    @Test func validatesLeafValues() {
        var stage = Stage(deploymentId: "d", stageName: "s", createdDate: 0, lastUpdatedDate: 0)
        for (path, value) in [("/*/*/logging/loglevel", "LOUD"), ("/*/*/throttling/burstLimit", "-1"),
                              ("/*/*/caching/ttlInSeconds", "3601"), ("/*/*/metrics/enabled", "maybe"),
                              ("/variables/bad-name", "x"), ("/variables/ok", "has space")] {
            #expect(throws: AdminError.self, "\(path)=\(value)") {
                try StagePatch.apply(PatchOperation(op: "replace", path: path, value: value), to: &stage) { _ in true }
            }
        }
        #expect(stage.methodSettings.isEmpty && stage.variables == nil)
    }
}
