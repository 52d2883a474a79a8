import Testing
@testable import Shared

@Suite struct AccessLogFormatTests {
    @Test func splitsLiteralsAndContextReferences() throws {
        let format = try AccessLogFormat.compile(#"{"id":"$context.requestId","ip":"$context.identity.sourceIp"}"#)
        #expect(format.pieces == [.literal(#"{"id":""#), .variable("requestId"), .literal(#"","ip":""#),
                                  .variable("identity.sourceIp"), .literal(#""}"#)])
    }

    @Test(arguments: [
        ("$context.requestId.", [AccessLogFormat.Piece.variable("requestId"), .literal(".")]),
        ("$context.requestId: ok", [.variable("requestId"), .literal(": ok")]),
        ("$context.requestId $context.authorizer.claims.cognito:groups", [.variable("requestId"), .literal(" "),
                                                                            .variable("authorizer.claims.cognito:groups")]),
        ("$5 $context. $context.requestId", [.literal("$5 $context. "), .variable("requestId")]),
        ("$context.requestId$context.status", [.variable("requestId"), .variable("status")]),
        ("$context.requestId\n", [.variable("requestId")]),
    ])
    func referencesEndWhereTheNameEnds(text: String, pieces: [AccessLogFormat.Piece]) throws {
        #expect(try AccessLogFormat.compile(text).pieces == pieces)
    }

    @Test(arguments: [
        ("$context.status", AccessLogFormat.Failure.missingRequestId),
        ("requestId $context.requestIdentity", .missingRequestId),
        ("$context.requestId\n$context.status", .multiLine),
        ("$context.requestId\r$context.status", .multiLine),
        ("$context.requestId\n\n", .multiLine),
    ])
    func refusesWhatAWSRefuses(text: String, failure: AccessLogFormat.Failure) {
        #expect(throws: failure) { try AccessLogFormat.compile(text) }
    }
}
