@testable import LambdaRunner
import Shared
import TestSupport
import Testing

/// The real Invoke and Runtime endpoints on 127.0.0.1:0, with this test as the runtime client (no
/// child process). Every socket read is bounded by its receive timeout.
struct LambdaRunnerEndToEndTests {
    static func exchange(_ port: Int, _ method: HTTPMethod, _ target: String, body: [UInt8] = [],
                         headers: [(String, String)] = []) async -> HTTPResponse? {
        await RawSocket.withConnection(port: port, receiveTimeoutMillis: 120_000) { socket in
            var head = "\(method.rawValue) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            socket.send(Array((head + "\r\n").utf8) + body)
            return socket.readResponses([method]).first
        } ?? nil
    }

    static let invokePath = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello/invocations"

    @Test func servesAnInvocationThroughTheRuntimeAPIAndItsErrors() async throws {
        var configuration = LambdaRunner.Configuration(functions: [FunctionSpec(name: "hello", command: "unused", workingDirectory: "/")])
        configuration.startProcesses = false
        // A loaded CI machine can stall this process for tens of seconds (CI saw 26 s), which would
        // fire Lambda's 10 s init and 3 s invocation timeouts: this test is about the exchange, so
        // its deadlines are generous (the timeouts have their own tests in RunnerStateMachineTests).
        configuration.limits.initTimeoutNanos = 300_000_000_000
        configuration.limits.timeoutNanos = 300_000_000_000
        let runner = LambdaRunner(configuration: configuration)
        let invokePort = try runner.start()
        let runtimePort = runner.runtimePort(0)

        // 1. A response: the event reaches /next, the answer reaches the caller under the same id.
        async let answer = Self.exchange(invokePort, .POST, Self.invokePath, body: Array(#"{"x":1}"#.utf8),
                                         headers: [("X-Amzn-Trace-Id", "Root=1-5f84c7a9-1234567890abcdef12345678")])
        let next = try #require(await Self.exchange(runtimePort, .GET, "/2018-06-01/runtime/invocation/next"))
        #expect(next.status == 200)
        #expect(next.body == Array(#"{"x":1}"#.utf8))
        let id = try #require(next.headers["Lambda-Runtime-Aws-Request-Id"])
        #expect(next.headers["Lambda-Runtime-Invoked-Function-Arn"] == "arn:aws:lambda:us-east-1:000000000000:function:hello")
        #expect(next.headers["Lambda-Runtime-Trace-Id"] == "Root=1-5f84c7a9-1234567890abcdef12345678")
        #expect(Int64(next.headers["Lambda-Runtime-Deadline-Ms"] ?? "") ?? 0 > 1_600_000_000_000)
        let wrong = try #require(await Self.exchange(runtimePort, .POST, "/2018-06-01/runtime/invocation/not-\(id)/response",
                                                     body: Array("1".utf8)))
        #expect(wrong.status == 400)
        #expect(String(decoding: wrong.body, as: UTF8.self).contains(#""errorType":"InvalidRequestID""#))
        let accepted = try #require(await Self.exchange(runtimePort, .POST, "/2018-06-01/runtime/invocation/\(id)/response",
                                                        body: Array(#"{"statusCode":200,"body":"hi"}"#.utf8)))
        #expect(accepted.status == 202)
        let result = try #require(await answer)
        #expect(result.status == 200)
        #expect(result.body == Array(#"{"statusCode":200,"body":"hi"}"#.utf8))
        #expect(result.headers["x-amzn-RequestId"] == id)
        #expect(result.headers["X-Amz-Function-Error"] == nil)

        // 2. An error document becomes a function error.
        async let failed = Self.exchange(invokePort, .POST, "/2015-03-31/functions/hello/invocations", body: Array("{}".utf8))
        let second = try #require(await Self.exchange(runtimePort, .GET, "/2018-06-01/runtime/invocation/next"))
        let secondId = try #require(second.headers["Lambda-Runtime-Aws-Request-Id"])
        #expect(secondId != id)
        let document = Array(#"{"errorMessage":"boom","errorType":"ValueError"}"#.utf8)
        #expect(await Self.exchange(runtimePort, .POST, "/2018-06-01/runtime/invocation/\(secondId)/error", body: document)?.status == 202)
        let error = try #require(await failed)
        #expect(error.status == 200)
        #expect(error.headers["X-Amz-Function-Error"] == "Unhandled")
        #expect(error.body == document)

        // 3. An unknown function: Lambda's 404.
        let missing = try #require(await Self.exchange(invokePort, .POST, "/2015-03-31/functions/nobody/invocations", body: Array("{}".utf8)))
        #expect(missing.status == 404)
        #expect(missing.headers["x-amzn-ErrorType"] == "ResourceNotFoundException")
        #expect(missing.body == Array(#"{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody"}"#.utf8))

        // 4. The counts.
        let statistics = try #require(await Self.exchange(invokePort, .GET, "/tollgate/functions"))
        #expect(String(decoding: statistics.body, as: UTF8.self).contains(#""invocations":2,"errors":1,"timeouts":0"#))
        await runner.shutdown()
    }
}
