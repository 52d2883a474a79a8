import Testing
@testable import Shared

@Suite struct AccessLogDestinationTests {
    @Test(arguments: [
        ("arn:aws:logs:us-east-1:123456789012:log-group:shop-access", "shop-access.log"),
        ("arn:aws:logs:us-east-1:123456789012:log-group:shop-access:*", "shop-access.log"),
        ("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/api-gateway/shop#prod", "aws/api-gateway/shop#prod.log"),
        ("arn:aws-cn:logs:cn-north-1:123456789012:log-group:a.b_c", "a.b_c.log"),
        ("arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-shop", "firehose/amazon-apigateway-shop.log"),
    ])
    func mapsArnsToFilesUnderTheDirectory(arn: String, path: String) throws {
        #expect(try AccessLogDestination.parse(arn).relativePath == path)
    }

    @Test(arguments: [
        "arn:x", "not-an-arn", "arn:aws:s3:::bucket", "arn:other:logs:us-east-1:1:log-group:a",
        "arn:aws:logs:us-east-1:1:log-stream:a", "arn:aws:logs:us-east-1:1:log-group:",
        // Path traversal and names CloudWatch would not accept.
        "arn:aws:logs:us-east-1:1:log-group:..", "arn:aws:logs:us-east-1:1:log-group:/../x",
        "arn:aws:logs:us-east-1:1:log-group:a/./b", "arn:aws:logs:us-east-1:1:log-group:a//b",
        "arn:aws:logs:us-east-1:1:log-group:a/", "arn:aws:logs:us-east-1:1:log-group:a\\b",
        "arn:aws:logs:us-east-1:1:log-group:a\u{0}b", "arn:aws:logs:us-east-1:1:log-group:a:b",
        "arn:aws:firehose:us-east-1:1:deliverystream/other", "arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-",
        "arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-a/../b",
    ])
    func refusesWhatANodeCannotWriteSafely(arn: String) {
        #expect(throws: AccessLogDestination.Failure.self) { try AccessLogDestination.parse(arn) }
    }

    @Test func aStageWithoutBothSettingsLogsNothingAndABadOneFailsToCompile() throws {
        #expect(try CompiledAccessLog.compile(AccessLogSettings(format: "$context.requestId"), stageName: "s") == nil)
        #expect(try CompiledAccessLog.compile(AccessLogSettings(destinationArn: "arn:aws:logs:r:1:log-group:g"), stageName: "s") == nil)
        let both = try CompiledAccessLog.compile(AccessLogSettings(format: "$context.requestId", destinationArn: "arn:aws:logs:r:1:log-group:g"),
                                                 stageName: "s")
        #expect(both?.destination == .logGroup(name: "g"))
        #expect(throws: CompileError.self) {
            try CompiledAccessLog.compile(AccessLogSettings(format: "$context.status", destinationArn: "arn:aws:logs:r:1:log-group:g"), stageName: "s")
        }
    }
}
