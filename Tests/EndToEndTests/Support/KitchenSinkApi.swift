import Foundation
import Shared

/// The shared API, stage `test` (stage variable `backend` = the echo server's `HOST:PORT`):
///
/// | Route | Integration |
/// |---|---|
/// | `GET /mock` | MOCK: 200 `{"mocked":true}`, `X-Mock: yes` |
/// | `POST /upload` | MOCK (request body passes through, so size limits apply): 200 `{"received":true}` |
/// | `ANY /echo/{proxy+}` | HTTP_PROXY → `http://echo/{proxy}` |
/// | `GET /items/{id}` | HTTP → `http://echo/things/{id}` with query/header mappings, passthrough response |
/// | `GET /stagevar` | HTTP_PROXY → `http://${stageVariables.backend}/from-stage` |
/// | `GET /slow` | HTTP_PROXY → `http://echo/delay/1000`, timeout 200 ms |
/// | `GET /big` | HTTP_PROXY → `http://echo/bytes/10485760` (a 10 MiB response) |
/// | `GET /bigger` | HTTP_PROXY → `http://echo/bytes/10485761` (one byte over the limit) |
/// | `ANY /fn/{name}` | AWS_PROXY → function `hello` |
/// | `GET /broken-fn` | AWS_PROXY → function `broken` (returns a non-proxy result) |
/// | `POST /calc` | AWS (Lambda custom) → function `divide`, request and response templates, `Division.*` → 400 |
enum KitchenSinkApi {
    static let stage = "test"

    static func lambdaUri(_ function: String) -> String {
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:\(function)/invocations"
    }

    static func create(_ cluster: Cluster) async throws -> SharedCluster.Api {
        let echo = "127.0.0.1:\(cluster.echo.port)"
        let api = try await ApiBuilder.create(cluster.admin, name: "kitchen-sink")

        try await api.mock(try await api.resource("mock"), body: #"{"mocked":true}"#)

        let upload = try await api.resource("upload")
        try await api.method(upload, "POST")
        try await api.integration(upload, "POST", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
        try await api.methodResponse(upload, "POST", "200")
        try await api.integrationResponse(upload, "POST", "200", ["responseTemplates": ["application/json": #"{"received":true}"#]])

        let echoRoot = try await api.resource("echo")
        let proxy = try await api.resource("{proxy+}", under: echoRoot)
        try await api.method(proxy, "ANY", requestParameters: ["method.request.path.proxy": true])
        try await api.integration(proxy, "ANY", ["type": "HTTP_PROXY", "httpMethod": "ANY", "uri": "http://\(echo)/{proxy}",
                                                 "requestParameters": ["integration.request.path.proxy": "method.request.path.proxy"]])

        let items = try await api.resource("items")
        let item = try await api.resource("{id}", under: items)
        try await api.method(item, "GET", requestParameters: ["method.request.path.id": true, "method.request.header.X-Filter": false,
                                                              "method.request.querystring.page": false])
        try await api.integration(item, "GET", [
            "type": "HTTP", "httpMethod": "GET", "uri": "http://\(echo)/things/{id}",
            "requestParameters": ["integration.request.path.id": "method.request.path.id",
                                  "integration.request.querystring.filter": "method.request.header.X-Filter",
                                  "integration.request.querystring.p": "method.request.querystring.page",
                                  "integration.request.header.X-Static": "'fixed-value'"],
        ])
        try await api.methodResponse(item, "GET", "200")
        try await api.integrationResponse(item, "GET", "200")

        let stagevar = try await api.resource("stagevar")
        try await api.method(stagevar, "GET")
        try await api.integration(stagevar, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET",
                                                    "uri": "http://${stageVariables.backend}/from-stage"])

        let slow = try await api.resource("slow")
        try await api.method(slow, "GET")
        try await api.integration(slow, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://\(echo)/delay/1000",
                                                "timeoutInMillis": 200])

        let big = try await api.resource("big")
        try await api.method(big, "GET")
        try await api.integration(big, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET",
                                               "uri": "http://\(echo)/bytes/\(10 * 1024 * 1024)"])

        let bigger = try await api.resource("bigger")
        try await api.method(bigger, "GET")
        try await api.integration(bigger, "GET", ["type": "HTTP_PROXY", "httpMethod": "GET",
                                                  "uri": "http://\(echo)/bytes/\(10 * 1024 * 1024 + 1)"])

        let fn = try await api.resource("fn")
        let name = try await api.resource("{name}", under: fn)
        try await api.method(name, "ANY", requestParameters: ["method.request.path.name": true])
        try await api.integration(name, "ANY", ["type": "AWS_PROXY", "httpMethod": "POST", "uri": lambdaUri("hello")])

        let broken = try await api.resource("broken-fn")
        try await api.method(broken, "GET")
        try await api.integration(broken, "GET", ["type": "AWS_PROXY", "httpMethod": "POST", "uri": lambdaUri("broken")])

        let calc = try await api.resource("calc")
        try await api.method(calc, "POST", requestParameters: ["method.request.querystring.a": false])
        try await api.integration(calc, "POST", [
            "type": "AWS", "httpMethod": "POST", "uri": lambdaUri("divide"),
            "requestTemplates": ["application/json": #"{"a": $input.params('a'), "b": $input.json('$.b'), "stage": "$context.stage"}"#],
        ])
        try await api.methodResponse(calc, "POST", "200")
        try await api.methodResponse(calc, "POST", "400", headers: ["X-Error-Type"])
        try await api.integrationResponse(calc, "POST", "200", [
            "responseTemplates": ["application/json": #"{"quotient": $input.json('$.quotient'), "from": "$input.path('$.stage')"}"#]])
        try await api.integrationResponse(calc, "POST", "400", [
            "selectionPattern": "Division.*",
            "responseParameters": ["method.response.header.X-Error-Type": "integration.response.body.errorType"],
            "responseTemplates": ["application/json": #"{"error": "$input.path('$.errorMessage')"}"#]])

        try await api.deploy(stage: stage, variables: ["backend": echo])
        return SharedCluster.Api(id: api.id, stage: stage)
    }
}

/// The functions the test Lambda Invoke server runs.
enum LambdaFunctions {
    /// `hello` answers 201 with a JSON summary of the event it got; `broken` answers with a body
    /// that is not a proxy result.
    @Sendable static func run(_ name: String, _ event: [String: Any]) -> LambdaInvokeServer.Result {
        if name == "divide" { return divide(event) }
        guard name == "hello" else { return .init(body: Array("this is not a proxy result".utf8)) }
        let context = event["requestContext"] as? [String: Any] ?? [:]
        let headers = event["headers"] as? [String: Any] ?? [:]
        let summary: [String: Any] = [
            "function": name,
            "httpMethod": event["httpMethod"] ?? NSNull(),
            "resource": event["resource"] ?? NSNull(),
            "path": event["path"] ?? NSNull(),
            "pathParameters": event["pathParameters"] ?? NSNull(),
            "queryStringParameters": event["queryStringParameters"] ?? NSNull(),
            "stage": context["stage"] ?? NSNull(),
            "sourceIp": (context["identity"] as? [String: Any])?["sourceIp"] ?? NSNull(),
            "custom": headers["X-Custom"] ?? NSNull(),
            "body": event["body"] ?? NSNull(),
            "isBase64Encoded": event["isBase64Encoded"] ?? NSNull(),
        ]
        let summaryText = String(decoding: (try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        let result: [String: Any] = [
            "statusCode": 201,
            "headers": ["X-Fn": name, "Content-Type": "application/json"],
            "multiValueHeaders": ["X-Multi": ["a", "b"]],
            "body": summaryText,
            "isBase64Encoded": false,
        ]
        return .init(body: Array((try? JSONSerialization.data(withJSONObject: result)) ?? Data()))
    }

    /// `divide`, a Lambda custom integration's function: `{"a", "b"}` → `{"quotient", "stage"}`;
    /// `b == 0` is a function error (`X-Amz-Function-Error`) with AWS's standard error payload.
    static func divide(_ event: [String: Any]) -> LambdaInvokeServer.Result {
        let a = (event["a"] as? NSNumber)?.intValue ?? 0, b = (event["b"] as? NSNumber)?.intValue ?? 0
        guard b != 0 else {
            let error = #"{"errorMessage":"Division by zero","errorType":"ZeroDivisionError","stackTrace":[]}"#
            return .init(body: Array(error.utf8), headers: HTTPHeaders([("X-Amz-Function-Error", "Unhandled")]))
        }
        let result: [String: Any] = ["quotient": a / b, "stage": event["stage"] ?? NSNull()]
        return .init(body: Array((try? JSONSerialization.data(withJSONObject: result)) ?? Data()))
    }
}
