import Testing
@testable import Shared

/// `routeSelectionExpression`: AWS's selection expression grammar, compiled once, evaluated per message.
@Suite struct WebSocketSelectionExpressionTests {
    static func key(_ expression: String, _ message: String) throws -> String? {
        let compiled = try WebSocketSelectionExpression.compile(expression).get()
        return compiled.key(for: Array(message.utf8))
    }

    @Test(arguments: [
        ("$request.body.action", #"{"action":"send","x":1}"#, "send" as String?),
        ("${request.body.action}", #"{"action":"send"}"#, "send"),
        ("$request.body.a.b", #"{"a":{"b":"deep"}}"#, "deep"),
        ("${request.body.version}-beta", #"{"version":"v2"}"#, "v2-beta"),
        ("$request.body.service/$request.body.action", #"{"service":"chat","action":"join"}"#, "chat/join"),
        ("$request.body.n", #"{"n":3}"#, "3"),
        ("$request.body.flag", #"{"flag":true}"#, "true"),
        ("\\$default", #"{"action":"x"}"#, "$default"),
        ("constant", "not json", "constant"),
        ("$request.body.action", "not json", nil),
        ("$request.body.action", #"["action"]"#, nil),
        ("$request.body.action", #"{"other":1}"#, nil),
        ("$request.body.action", #"{"action":null}"#, nil),
        ("$request.body.action", #"{"action":{"nested":1}}"#, nil),
        ("$request.body.a.b", #"{"a":"flat"}"#, nil),
    ])
    func evaluatesOverTheMessage(expression: String, message: String, expected: String?) throws {
        #expect(try Self.key(expression, message) == expected)
    }

    @Test(arguments: [
        ("$request.header.x", WebSocketSelectionError.unsupportedVariable("request.header.x")),
        ("$context.routeKey", .unsupportedVariable("context.routeKey")),
        ("$request.body", .unsupportedVariable("request.body")),
        ("$request.body..a", .unsupportedVariable("request.body..a")),
        ("${request.body.action", .unclosedBrace),
        ("", .empty),
    ])
    func refusesWhatItCannotEvaluate(expression: String, error: WebSocketSelectionError) {
        #expect(throws: error) { try WebSocketSelectionExpression.compile(expression).get() }
    }
}
