@testable import LambdaRunner
import Shared
import Testing

/// The pure path parsers of the two APIs and the one error mapping.
struct RunnerRoutesTests {
    @Test(arguments: [
        (HTTPMethod.POST, "/2015-03-31/functions/hello/invocations", nil, InvokeAPIHandler.Route.invoke(function: "hello")),
        (.POST, "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/invocations", nil,
         .invoke(function: "arn:aws:lambda:us-east-1:000000000000:function:hello")),
        (.POST, "/2015-03-31/functions/hello/invocations", "Qualifier=%24LATEST", .invoke(function: "hello:$LATEST")),
        (.GET, "/2015-03-31/functions/hello/invocations", nil, .unknown),
        (.POST, "/2015-03-31/functions//invocations", nil, .unknown),
        (.POST, "/2015-03-31/functions/a/b/invocations", nil, .unknown),
        (.POST, "/2015-03-31/functions/hello", nil, .unknown),
        (.GET, "/tollgate/functions", nil, .statistics),
    ] as [(HTTPMethod, String, String?, InvokeAPIHandler.Route)])
    func routesInvokePaths(_ method: HTTPMethod, _ path: String, _ query: String?, _ expected: InvokeAPIHandler.Route) {
        #expect(InvokeAPIHandler.Route(method: method, path: path[...], query: query?[...]) == expected)
    }

    @Test(arguments: [
        (HTTPMethod.GET, "/2018-06-01/runtime/invocation/next", RuntimeAPIHandler.Call?.some(.next)),
        (.POST, "/2018-06-01/runtime/invocation/abc-1/response", .response(requestId: "abc-1", body: [1])),
        (.POST, "/2018-06-01/runtime/invocation/abc-1/error", .error(requestId: "abc-1", body: [1])),
        (.POST, "/2018-06-01/runtime/init/error", .initError(body: [1])),
        (.POST, "/2018-06-01/runtime/invocation/next", nil),
        (.GET, "/2018-06-01/runtime/invocation/abc-1/response", nil),
        (.POST, "/2018-06-01/runtime/invocation//response", nil),
        (.GET, "/2020-01-01/runtime/invocation/next", nil),
    ] as [(HTTPMethod, String, RuntimeAPIHandler.Call?)])
    func routesRuntimePaths(_ method: HTTPMethod, _ path: String, _ expected: RuntimeAPIHandler.Call?) {
        #expect(RuntimeAPIHandler.Call(method: method, path: path[...], body: [1]) == expected)
    }

    @Test func mapsRefusalsToLambdasStatusesTypesAndBodies() {
        let table: [(InvokeRefusal, Int, String, String)] = [
            (.notFound(arn: "arn:aws:lambda:us-east-1:000000000000:function:x"), 404, "ResourceNotFoundException",
             #"{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:000000000000:function:x"}"#),
            (.requestTooLarge(limit: 6_291_456), 413, "RequestEntityTooLargeException",
             #"{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}"#),
            (.queueFull, 429, "TooManyRequestsException",
             #"{"Type":"User","message":"Rate Exceeded.","Reason":"ReservedFunctionConcurrentInvocationLimitExceeded"}"#),
            (.shuttingDown, 503, "ServiceException", #"{"Type":"Service","message":"The runner is shutting down."}"#),
        ]
        for (refusal, status, type, body) in table {
            let response = RunnerHTTPAnswers.refused(refusal)
            #expect(response.status == status)
            #expect(response.headers["x-amzn-ErrorType"] == type)
            #expect(String(decoding: response.body, as: UTF8.self) == body)
        }
        let timedOut = RunnerHTTPAnswers.invoke(.functionError(requestId: "r", body: [0x7B, 0x7D]))
        #expect(timedOut.status == 200 && timedOut.headers["X-Amz-Function-Error"] == "Unhandled")
        #expect(RunnerHTTPAnswers.runtime(.invalidRequestId).status == 400)
        #expect(RunnerHTTPAnswers.runtime(.tooLarge(limit: 6_291_556)).body == Array(
            #"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#.utf8))
    }

    @Test(arguments: [(UInt64(3_000_000_000), "3.00"), (1_500_000_000, "1.50"), (900_000_000_000, "900.00"), (10_000_000, "0.01")])
    func printsSecondsAsLambdaDoes(_ nanos: UInt64, _ text: String) {
        #expect(RunnerErrorDocument.seconds(nanos) == text)
    }
}
