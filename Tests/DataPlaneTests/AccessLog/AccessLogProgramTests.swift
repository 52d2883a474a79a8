import Testing
@testable import DataPlane
@testable import Shared

/// The four example formats of AWS's "Access logging for REST APIs" page, and how values are
/// escaped and missing ones shown.
@Suite struct AccessLogProgramTests {
    typealias F = PipelineFixtures

    static let clf = #"$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId"#
    static let json = #"{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }"#
    static let xml = #"<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>"#
    static let csv = "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId"

    static let id = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    static let time = "04/Mar/2020:19:15:17 +0000"

    @Test(arguments: [
        (clf, #"203.0.113.7 - - [04/Mar/2020:19:15:17 +0000]"GET /pets/{id} HTTP/1.1" 200 17 c6af9ac6-7b61-11e6-9a41-93e8deadbeef KtF82HGdliAFjxw="#),
        (json, #"{ "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "extendedRequestId":"KtF82HGdliAFjxw=","ip": "203.0.113.7", "caller":"-", "user":"-", "requestTime":"04/Mar/2020:19:15:17 +0000", "httpMethod":"GET", "resourcePath":"/pets/{id}", "status":"200", "protocol":"HTTP/1.1", "responseLength":"17" }"#),
        (xml, #"<request id="c6af9ac6-7b61-11e6-9a41-93e8deadbeef"> <extendedRequestId>KtF82HGdliAFjxw=</extendedRequestId> <ip>203.0.113.7</ip> <caller>-</caller> <user>-</user> <requestTime>04/Mar/2020:19:15:17 +0000</requestTime> <httpMethod>GET</httpMethod> <resourcePath>/pets/{id}</resourcePath> <status>200</status> <protocol>HTTP/1.1</protocol> <responseLength>17</responseLength> </request>"#),
        (csv, "203.0.113.7,-,-,04/Mar/2020:19:15:17 +0000,GET,/pets/{id},HTTP/1.1,200,17,c6af9ac6-7b61-11e6-9a41-93e8deadbeef,KtF82HGdliAFjxw="),
    ])
    func rendersAWSsExampleFormats(format: String, line: String) throws {
        #expect(try Self.render(format, Self.record(status: 200, bytes: 17)) == line + "\n")
    }

    @Test func rendersTheCompletionsNumbersAndTheErrorThatAnswered() throws {
        let format = "$context.requestId $context.status $context.responseLatency $context.integrationLatency $context.error.responseType $context.error.messageString $context.error.message"
        let failed = CompletionRecord(status: 403, latencyNanos: 12_400_000, integrationLatencyNanos: nil, requestBodyBytes: 0,
                                      responseBodyBytes: 42, errorType: "ForbiddenException", errorSource: .client, error: .forbidden)
        #expect(try Self.render(format, failed) == "\(Self.id) 403 12 - \(GatewayError.forbidden.responseType) \"Forbidden\" Forbidden\n")
        let served = CompletionRecord(status: 201, latencyNanos: 3_000_000, integrationLatencyNanos: 2_999_999, requestBodyBytes: 0,
                                      responseBodyBytes: 0, errorType: nil, errorSource: nil)
        #expect(try Self.render(format, served) == "\(Self.id) 201 3 2 - - -\n")
    }

    /// `identity.user`/`caller`/`userArn`/`accessKey`/`accountId`: an AWS_IAM method's verified caller, escaped like any value.
    @Test func iamIdentityVariablesComeFromTheVerifiedCaller() throws {
        let format = "$context.requestId|$context.identity.user|$context.identity.caller|$context.identity.userArn|$context.identity.accessKey|$context.identity.accountId"
        let caller = IAMCallerIdentity(userArn: "arn:aws:iam::123456789012:user/al\"ice", accessKey: "AKIDEXAMPLE", user: "AIDAEXAMPLE",
                                       caller: "AIDAEXAMPLE", accountId: "123456789012")
        #expect(try Self.render(format, Self.record(status: 200, bytes: 0), iamCaller: caller)
            == #"\#(Self.id)|AIDAEXAMPLE|AIDAEXAMPLE|arn:aws:iam::123456789012:user/al\"ice|AKIDEXAMPLE|123456789012"# + "\n")
        #expect(try Self.render(format, Self.record(status: 200, bytes: 0)) == "\(Self.id)|-|-|-|-|-\n")
    }

    @Test(arguments: [UInt64(0), 9, 10, 99, 100, 1_583_349_317_135, UInt64.max])
    func numbersAreWrittenInDecimalInPlace(value: UInt64) {
        let line = [UInt8](unsafeUninitializedCapacity: 24) { room, count in
            var line = AccessLogLine(room)
            line.write(UInt8(ascii: "x"))
            line.write(decimal: value)
            count = line.count
        }
        #expect(String(decoding: line, as: UTF8.self) == "x\(value)")
    }

    /// A piece that does not fit its room is not written, but counted: the line knows how much room
    /// it needs (and writes nothing more once a piece did not fit).
    @Test func aPieceThatDoesNotFitIsCountedNotWritten() {
        var written = 0, needed = 0, fits = true
        let line = [UInt8](unsafeUninitializedCapacity: 5) { room, count in
            var line = AccessLogLine(room)
            line.write(escaped: "ab")
            line.write(escaped: "cdef")
            line.write(UInt8(ascii: "g"))
            line.write(decimal: 12345)
            (count, written, needed, fits) = (line.count, line.count, line.needed, line.fits)
        }
        #expect(line == Array("ab".utf8))
        #expect(written == 2 && needed == 12 && !fits)
    }

    @Test func missingUnknownAndUnrecordedVariablesRenderADash() throws {
        let format = "$context.requestId|$context.noSuchThing|$context.integrationStatus|$context.wafResponseCode|$context.authorizer.principalId|$context.identity.apiKey|$context.authorize.status"
        #expect(try Self.render(format, Self.record(status: 200, bytes: 0)) == "\(Self.id)|-|-|-|-|-|-\n")
    }

    @Test func integrationVariablesComeFromTheIntegrationsReport() throws {
        let format = "$context.requestId|$context.integration.status|$context.integrationStatus|$context.integration.integrationStatus|"
            + "$context.integration.requestId|$context.awsEndpointRequestId|$context.awsEndpointRequestId2|$context.integration.error|"
            + "$context.integrationErrorMessage|$context.integration.latency"
        func line(_ report: IntegrationReport) throws -> String {
            try Self.render(format, CompletionRecord(status: 200, latencyNanos: 0, integrationLatencyNanos: 7_000_000, requestBodyBytes: 0,
                                                     responseBodyBytes: 0, errorType: nil, errorSource: nil, integration: report))
        }
        // An HTTP backend's status is both; it has no AWS request id.
        #expect(try line(.upstream(.success(UpstreamResponse(status: 502, headers: ["x-amzn-RequestId": "not-aws"])), endpoint: .http))
            == "\(Self.id)|502|502|502|-|-|-|-|-|7\n")
        // Lambda: the function failed, the service answered 200; the payload's message, escaped.
        let failed = IntegrationReport(endpoint: .lambda, serviceStatus: 200, awsHeaders: ["x-amzn-RequestId": "r-1"],
                                       failure: .functionError(payload: Array(#"{"errorMessage": "bad \"input\"", "errorType": "E"}"#.utf8)))
        #expect(try line(failed) == #"\#(Self.id)|-|200|200|r-1|r-1|-|bad \"input\"|bad \"input\"|7"# + "\n")
        // Lambda proxy success: the function's statusCode and the service's.
        #expect(try line(IntegrationReport(endpoint: .lambda, status: 404, serviceStatus: 200, awsHeaders: ["X-Amzn-RequestId": "r-2"]))
            == "\(Self.id)|404|200|200|r-2|r-2|-|-|-|7\n")
        // The Lambda service refusing, with its message.
        #expect(try line(IntegrationReport(endpoint: .lambda, serviceStatus: 429, failure: .serviceRefused(payload: Array(#"{"Message":"Rate exceeded"}"#.utf8))))
            == "\(Self.id)|-|429|429|-|-|-|Rate exceeded|Rate exceeded|7\n")
        // An AWS service (S3) names its request ids in its own headers.
        let s3 = IntegrationReport.upstream(.success(UpstreamResponse(status: 200, headers: ["x-amz-request-id": "s3-1", "x-amz-id-2": "s3-2"])),
                                            endpoint: .awsService)
        #expect(try line(s3) == "\(Self.id)|200|200|200|s3-1|s3-1|s3-2|-|-|7\n")
        // No answer at all.
        #expect(try line(.upstream(.failure(.timeout), endpoint: .http)) == "\(Self.id)|-|-|-|-|-|-|Endpoint request timed out|Endpoint request timed out|7\n")
        #expect(try line(.none) == "\(Self.id)|-|-|-|-|-|-|-|-|7\n")
    }

    @Test func stepVariablesShowWhatRanAndTheErrorOnlyOfTheStepThatRefused() throws {
        let format = "$context.requestId|$context.authenticate.status|$context.authenticate.latency|$context.authenticate.error|"
            + "$context.authorize.status|$context.authorize.latency|$context.authorize.error|$context.authorizer.status|"
            + "$context.authorizer.latency|$context.authorizer.error|$context.authorizer.integrationStatus|$context.authorizer.requestId|"
            + "$context.authorizer.integrationLatency"
        var steps = AuthStepRecord()
        steps.authenticate = AuthStepRecord.Step(status: 200, latencyMillis: 3)
        steps.authorize = AuthStepRecord.Step(status: 403, latencyMillis: 1)
        let denied = CompletionRecord(status: 403, latencyNanos: 0, integrationLatencyNanos: nil, requestBodyBytes: 0, responseBodyBytes: 0,
                                      errorType: "AccessDeniedException", errorSource: .client, error: .forbidden)
        #expect(try Self.render(format, denied, steps: steps) == "\(Self.id)|200|3|-|403|1|Forbidden|-|-|-|-|-|-\n")

        var lambda = AuthStepRecord()
        lambda.authorizer = AuthStepRecord.Step(status: 401, latencyMillis: 12)
        lambda.authorizerInvokeStatus = 200
        lambda.authorizerInvokeHeaders = ["x-amzn-RequestId": "auth-9"]
        // The function said `Unauthorized`: the service answered 200, the authorizer step refused.
        let failed = CompletionRecord(status: 401, latencyNanos: 0, integrationLatencyNanos: nil, requestBodyBytes: 0, responseBodyBytes: 0,
                                      errorType: "UnauthorizedException", errorSource: .client, error: .unauthorized)
        #expect(try Self.render(format, failed, steps: lambda, authorizerLatency: 11)
            == "\(Self.id)|-|-|-|-|-|-|401|12|Unauthorized|200|auth-9|11\n")
        // Nothing ran: every step variable is `-`.
        #expect(try Self.render(format, failed) == "\(Self.id)|-|-|-|-|-|-|-|-|-|-|-|-\n")
    }

    @Test func requestValuesComeFromTheInvocation() throws {
        let format = "$context.requestId $context.apiId $context.stage $context.path $context.requestTimeEpoch $context.identity.userAgent $context.domainName $context.xrayTraceId"
        let line = try Self.render(format, Self.record(status: 200, bytes: 0), headers: [("User-Agent", "curl/8.5.0")])
        #expect(line == "\(Self.id) \(F.apiId) prod /prod/pets/7 \(F.now) curl/8.5.0 \(F.apiId).execute-api.localhost Root=1-5759e988-bd862e3fe1be46a994272793\n")
    }

    @Test(arguments: [
        (#"say "hi""#, #"say \"hi\""#),
        (#"back\slash"#, #"back\\slash"#),
        ("two\nlines\r\tand\u{7F}", #"two\u000alines\u000d\u0009and\u007f"#),
        ("ünïcode", "ünïcode"),
    ])
    func escapesSubstitutedValuesButNotTheFormat(agent: String, rendered: String) throws {
        let line = try Self.render(#"{"id":"$context.requestId","ua":"$context.identity.userAgent"}"#, Self.record(status: 200, bytes: 0),
                                   headers: [("User-Agent", agent)])
        #expect(line == #"{"id":"\#(Self.id)","ua":"\#(rendered)"}"# + "\n")
        #expect(line.filter { $0 == "\n" }.count == 1)
    }

    /// The line's room is reserved from the format (literals and 32 bytes a variable): longer
    /// values grow it and are written whole, the literals around them in place, whether the value
    /// is copied at once (nothing to escape) or byte by byte (escaped).
    @Test(arguments: [(String(repeating: "agent/1.0 ", count: 100), String(repeating: "agent/1.0 ", count: 100)),
                      (String(repeating: "agent/1.0 ", count: 100) + #""end""#, String(repeating: "agent/1.0 ", count: 100) + #"\"end\""#)])
    func aLineLongerThanItsReservedRoomIsWrittenWhole(agent: String, written: String) throws {
        let line = try Self.render("[$context.identity.userAgent]$context.status[$context.requestTimeEpoch]$context.requestId",
                                   Self.record(status: 204, bytes: 0), headers: [("User-Agent", agent)])
        #expect(line == "[\(written)]204[\(F.now)]\(Self.id)\n")
    }

    @Test func aRequestThatMatchedNoResourceHasNoResourcePathButEverythingTheRequestKnows() throws {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let snapshot = try F.snapshot(F.content([("/pets/{id}", ["GET": F.method("GET", mock)])]))
        let stage = try #require(snapshot.apis[F.apiId]?.stages["prod"])
        let unrouted = UnroutedRequest(request: F.request("DELETE", "/prod/nothing"), connection: F.connection, stage: stage,
                                       path: "/nothing", identifiers: F.identifiers, requestTimeEpochMillis: F.now, accountId: "123456789012")
        let record = CompletionRecord(status: 403, latencyNanos: 0, integrationLatencyNanos: nil, requestBodyBytes: 0, responseBodyBytes: 42,
                                      errorType: "MissingAuthenticationTokenException", errorSource: .client, error: .missingAuthenticationToken)
        let program = AccessLogProgram(try AccessLogFormat.compile(Self.clf + " $context.path $context.error.responseType $context.stage $context.accountId"))
        #expect(String(decoding: program.render(unrouted, record), as: UTF8.self)
            == #"203.0.113.7 - - [04/Mar/2020:19:15:17 +0000]"DELETE - HTTP/1.1" 403 42 c6af9ac6-7b61-11e6-9a41-93e8deadbeef KtF82HGdliAFjxw= /prod/nothing MISSING_AUTHENTICATION_TOKEN prod 123456789012"# + "\n")
    }

    // MARK: - Helpers

    static func record(status: Int, bytes: Int) -> CompletionRecord {
        CompletionRecord(status: status, latencyNanos: 5_000_000, integrationLatencyNanos: 4_000_000, requestBodyBytes: 0,
                         responseBodyBytes: bytes, errorType: nil, errorSource: nil)
    }

    static func render(_ format: String, _ record: CompletionRecord, headers: [(String, String)] = [],
                       steps: AuthStepRecord = AuthStepRecord(), authorizerLatency: Int = 0,
                       iamCaller: IAMCallerIdentity? = nil) throws -> String {
        let mock = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                               integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let snapshot = try F.snapshot(F.content([("/pets/{id}", ["GET": F.method("GET", mock)])]))
        var invocation = try F.invocation(snapshot, F.request("GET", "/prod/pets/7", headers: headers))
        invocation.authSteps = steps
        invocation.authorizerLatencyMillis = authorizerLatency
        invocation.iamCaller = iamCaller
        let program = AccessLogProgram(try AccessLogFormat.compile(format))
        return String(decoding: program.render(invocation, record), as: UTF8.self)
    }
}
