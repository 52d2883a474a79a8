import Testing
@testable import DataPlane
import Shared

/// The WebSocket Lambda proxy event, the proxy result, and the error frames.
@Suite struct WebSocketLambdaEventTests {
    static let info = WebSocketConnectionInfo(
        connectionId: "L0SM9cOFvHcCIhw=", apiId: "abc123", stageName: "prod", domainName: "abc123.execute-api.localhost",
        connectedAtMillis: 1_586_455_548_089, sourceIp: "10.0.0.1", userAgent: "ua",
        headers: HTTPHeaders([("Host", "abc123.execute-api.localhost"), ("X-A", "1"), ("x-a", "2")]), query: "q=1&q=2&r=3")

    static func context(_ event: JSONValue) -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = event, case .object(let context)? = members.first(where: { $0.key == "requestContext" })?.value
        else { return [] }
        return context
    }

    @Test func aMessageEventHasAwsFieldsInOrder() {
        let event = WebSocketLambdaEvent.make(.message(messageId: "m1", body: Array(#"{"action":"x"}"#.utf8), binary: false),
                                              routeKey: "x", info: Self.info, requestId: "r1", extendedRequestId: "e1",
                                              nowMillis: 1_586_455_551_421)
        #expect(Self.context(event).map(\.key) == ["routeKey", "messageId", "eventType", "extendedRequestId", "requestTime",
                                                   "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity",
                                                   "requestId", "domainName", "connectionId", "apiId"])
        let text = event.serialized()
        #expect(text.contains(#""eventType":"MESSAGE""#) && text.contains(#""body":"{\"action\":\"x\"}""#))
        #expect(text.contains(#""isBase64Encoded":false"#) && text.contains(#""requestTime":"09/Apr/2020:18:05:51 +0000""#))
        #expect(!text.contains(#""headers""#))
    }

    @Test func connectAndDisconnectCarryTheUpgradeHeaders() {
        let connect = WebSocketLambdaEvent.make(.connect, routeKey: "$connect", info: Self.info, requestId: "r", extendedRequestId: "e",
                                                nowMillis: 0).serialized()
        #expect(connect.contains(#""headers":{"Host":"abc123.execute-api.localhost","X-A":"2"}"#))
        #expect(connect.contains(#""multiValueHeaders":{"Host":["abc123.execute-api.localhost"],"X-A":["1","2"]}"#))
        #expect(connect.contains(#""queryStringParameters":{"q":"2","r":"3"}"#))
        #expect(connect.contains(#""multiValueQueryStringParameters":{"q":["1","2"],"r":["3"]}"#))
        #expect(connect.contains(#""eventType":"CONNECT""#) && !connect.contains("messageId"))
        let disconnect = WebSocketLambdaEvent.make(.disconnect(statusCode: 1001, reason: "Going away"), routeKey: "$disconnect",
                                                   info: Self.info, requestId: "r", extendedRequestId: "e", nowMillis: 0).serialized()
        #expect(disconnect.contains(#""disconnectStatusCode":1001,"disconnectReason":"Going away""#))
        #expect(!disconnect.contains("queryStringParameters"))
    }

    @Test func aBinaryMessageIsBase64() {
        let text = WebSocketLambdaEvent.make(.message(messageId: "m", body: [0, 255], binary: true), routeKey: "$default", info: Self.info,
                                             requestId: "r", extendedRequestId: "e", nowMillis: 0).serialized()
        #expect(text.contains(#""body":"AP8=","isBase64Encoded":true"#))
    }

    @Test(arguments: [
        (#"{"statusCode":200,"body":"hello"}"#, WebSocketIntegrationCall.Answer(status: 200, body: Array("hello".utf8)) as WebSocketIntegrationCall.Answer?),
        (#"{"statusCode":403}"#, .init(status: 403, body: [])),
        (#"{"statusCode":200,"body":"aGk=","isBase64Encoded":true}"#, .init(status: 200, body: Array("hi".utf8))),
        (#""just a string""#, .init(status: 200, body: Array(#""just a string""#.utf8))),
        (#"{"statusCode":"200"}"#, nil),
        (#"{"statusCode":200,"body":"!","isBase64Encoded":true}"#, nil),
    ])
    func lambdaResultsAreRead(body: String, expected: WebSocketIntegrationCall.Answer?) {
        #expect(WebSocketIntegrationCall.lambdaAnswer(.success(UpstreamResponse(status: 200, body: Array(body.utf8)))) == expected)
    }

    @Test func functionErrorsAndFailuresAreNoAnswer() {
        var headers = HTTPHeaders()
        headers.add("X-Amz-Function-Error", "Unhandled")
        #expect(WebSocketIntegrationCall.lambdaAnswer(.success(UpstreamResponse(status: 200, headers: headers, body: Array("{}".utf8)))) == nil)
        #expect(WebSocketIntegrationCall.lambdaAnswer(.failure(.timeout)) == nil)
        #expect(WebSocketIntegrationCall.lambdaAnswer(.success(UpstreamResponse(status: 500))) == nil)
    }

    @Test func errorFramesAreAwsText() {
        let frame = String(decoding: WebSocketErrorFrame.text("Forbidden", connectionId: "L0SM9cOFvHcCIhw=", requestId: "L0SM9F_VPHcFkNQ="),
                           as: UTF8.self)
        #expect(frame == #"{"message": "Forbidden", "connectionId":"L0SM9cOFvHcCIhw=", "requestId":"L0SM9F_VPHcFkNQ="}"#)
    }

    @Test func managementTimesAreIso8601() {
        #expect(WebSocketGateway.iso8601(1_586_455_548_089) == "2020-04-09T18:05:48.089Z")
        #expect(WebSocketGateway.percentDecoded("L0SM9cOFvHcCIhw%3D") == "L0SM9cOFvHcCIhw=")
    }
}
