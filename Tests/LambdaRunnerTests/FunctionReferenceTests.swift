@testable import LambdaRunner
import Testing

/// The Invoke path's `{function}` forms, resolved against the runner's `hello` in us-east-1 / 000000000000.
struct FunctionReferenceTests {
    enum Expected: Equatable {
        case serves
        case notFound(String)
        case malformed
    }

    static let table: [(String, Expected)] = [
        ("hello", .serves),
        ("hello:$LATEST", .serves),
        ("arn:aws:lambda:us-east-1:000000000000:function:hello", .serves),
        ("arn:aws:lambda:us-east-1:000000000000:function:hello:$LATEST", .serves),
        ("000000000000:function:hello", .serves),
        ("000000000000:function:hello:$LATEST", .serves),
        ("other", .notFound("arn:aws:lambda:us-east-1:000000000000:function:other")),
        ("hello:1", .notFound("arn:aws:lambda:us-east-1:000000000000:function:hello:1")),
        ("hello:live", .notFound("arn:aws:lambda:us-east-1:000000000000:function:hello:live")),
        ("arn:aws:lambda:eu-west-1:000000000000:function:hello",
         .notFound("arn:aws:lambda:eu-west-1:000000000000:function:hello")),
        ("arn:aws:lambda:us-east-1:123456789012:function:hello",
         .notFound("arn:aws:lambda:us-east-1:123456789012:function:hello")),
        ("123456789012:function:hello", .notFound("arn:aws:lambda:us-east-1:123456789012:function:hello")),
        ("", .malformed),
        ("hel lo", .malformed),
        ("hello:", .malformed),
        ("a:b:c", .malformed),
        ("arn:aws:s3:us-east-1:000000000000:function:hello", .malformed),
        ("arn:aws:lambda:us-east-1:0000:function:hello", .malformed),
        ("arn:aws:lambda:us-east-1:000000000000:layer:hello", .malformed),
        (String(repeating: "x", count: 65), .malformed),
    ]

    @Test(arguments: table)
    func resolvesAsLambdaDoes(_ text: String, _ expected: Expected) {
        let got: Expected
        do {
            let reference = try FunctionReference.parse(text)
            got = reference.names("hello", region: "us-east-1", account: "000000000000")
                ? .serves : .notFound(reference.arn(region: "us-east-1", account: "000000000000"))
        } catch {
            got = .malformed
        }
        #expect(got == expected, "\(text)")
    }
}

struct FunctionSpecTests {
    @Test func parsesNameCommandAndHandler() throws {
        let plain = try FunctionSpec.parse("hello=python3 loop.py --x=1", workingDirectory: "/w")
        #expect(plain == FunctionSpec(name: "hello", command: "python3 loop.py --x=1", workingDirectory: "/w"))
        let handled = try FunctionSpec.parse("hello[app.handler]=python3 -m awslambdaric app.handler", workingDirectory: "/w")
        #expect(handled.name == "hello" && handled.handler == "app.handler")
        #expect(handled.command == "python3 -m awslambdaric app.handler")
    }

    @Test(arguments: ["hello", "=cmd", "bad name=cmd", "hello=", "hello=  ", "hello[]=cmd"])
    func refusesMalformedFunctionFlags(_ text: String) {
        #expect(throws: FunctionSpec.ParseError.self) { try FunctionSpec.parse(text, workingDirectory: "/") }
    }
}
