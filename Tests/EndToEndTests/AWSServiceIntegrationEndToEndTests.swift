import Foundation
import Testing
import Shared

/// AWS service integrations through a real node against moto's server (`--aws-endpoint`), signed
/// with the keys `--aws-credentials` maps to the integration's role: SQS SendMessage then
/// ReceiveMessage, DynamoDB PutItem then GetItem, Step Functions StartExecution, and a role without
/// keys failing closed.
/// Skipped where `python3 -m moto.server` cannot run (moto or its server extras missing).
@Suite(.serialized, .timeLimit(.minutes(3)),
       .enabled(if: MotoServer.isAvailable, "moto's server is not installed (python3 -c 'import moto.server, flask, werkzeug' fails)"))
struct AWSServiceIntegrationEndToEndTests {
    static let role = "arn:aws:iam::000000000000:role/apigw-aws"
    static let unmappedRole = "arn:aws:iam::000000000000:role/not-in-the-file"

    /// Runs `body` with moto, a control plane and one node sending AWS calls to moto (keys for
    /// `role` only), and stops them all whatever `body` does.
    static func withCluster(_ body: (Cluster, MotoServer) async throws -> Void) async throws {
        let (cluster, moto) = try await start()
        do {
            try await body(cluster, moto)
        } catch {
            await cluster.stop()
            await moto.stop()
            throw error
        }
        await cluster.stop()
        await moto.stop()
    }

    static func start() async throws -> (Cluster, MotoServer) {
        let root = NSTemporaryDirectory() + "tollgate-moto-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        TollgateProcess.removeAtExit(root)
        let moto = try await MotoServer.start(root: root)
        let credentials = root + "/aws-credentials.json"
        try #"{"\#(role)": {"accessKeyId": "AKIDAPIGWROLE", "secretAccessKey": "apigw-role-secret"}}"#
            .write(toFile: credentials, atomically: true, encoding: .utf8)
        let cluster = try await Cluster.start(nodes: 1, nodeArguments: [0: ["--aws-endpoint", moto.url, "--aws-credentials", credentials]])
        return (cluster, moto)
    }

    /// A method on `/{path}` with an AWS integration, a 200 (and a 400 selected by status) response, deployed to `test`.
    static func awsMethod(_ api: ApiBuilder, resource: String, verb: String, integration: [String: Any]) async throws {
        try await api.method(resource, verb)
        try await api.integration(resource, verb, integration)
        try await api.methodResponse(resource, verb, "200")
        try await api.methodResponse(resource, verb, "400")
        try await api.integrationResponse(resource, verb, "200")
        try await api.integrationResponse(resource, verb, "400", ["selectionPattern": "4\\d{2}"])
    }

    /// Polls GET `path` until the deployment reached the node (its answer is no longer routing's 403/404).
    static func untilDeployed(_ cluster: Cluster, _ api: ApiBuilder, _ path: String) async -> Bool {
        await cluster.untilEveryNode(within: .seconds(20)) { port in
            let response = try? await cluster.invoke(port: port, apiId: api.id, path)
            return response.map { $0.status != 403 && $0.status != 404 } ?? false
        } != nil
    }

    @Test func sqsSendMessageThenReceiveMessageSeesIt() async throws {
        try await Self.withCluster { cluster, moto in
            let created = try await moto.call(cluster.client, service: "sqs", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                              body: "Action=CreateQueue&QueueName=orders")
            #expect(created.status == 200, "CreateQueue: \(created.text)")

            let api = try await ApiBuilder.create(cluster.admin, name: "sqs-proxy")
            let queue = try await api.resource("queue")
            let path = "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders"
            try await Self.awsMethod(api, resource: queue, verb: "POST", integration: [
                "type": "AWS", "httpMethod": "POST", "uri": path, "credentials": Self.role, "passthroughBehavior": "NEVER",
                "requestParameters": ["integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"],
                "requestTemplates": ["application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"],
            ])
            try await Self.awsMethod(api, resource: queue, verb: "GET", integration: [
                "type": "AWS", "httpMethod": "GET", "uri": path, "credentials": Self.role,
                "requestParameters": ["integration.request.querystring.Action": "'ReceiveMessage'",
                                      "integration.request.querystring.WaitTimeSeconds": "'1'"],
            ])
            try await api.deploy(stage: "test")
            #expect(await Self.untilDeployed(cluster, api, "/test/queue"))
            let port = cluster.nodePorts[0]

            let sent = try await cluster.invoke(port: port, apiId: api.id, "/test/queue", method: .POST,
                                                headers: [("Content-Type", "application/json")], body: Array(#"{"order":"o-17"}"#.utf8))
            #expect(sent.status == 200, "SendMessage: \(sent.text)")
            #expect(sent.text.contains("MessageId"))
            let received = try await cluster.invoke(port: port, apiId: api.id, "/test/queue")
            #expect(received.status == 200)
            // The query protocol answers XML, where the body's quotes are escaped.
            #expect(received.text.contains("o-17"), "ReceiveMessage: \(received.text)")
        }
    }

    @Test func dynamoDBPutItemThenGetItemAndAnUnmappedRoleFailsClosed() async throws {
        try await Self.withCluster { cluster, moto in
            let table = #"{"TableName": "items", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "#
                + #""AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}"#
            let created = try await moto.call(cluster.client, service: "dynamodb",
                                              headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.CreateTable")],
                                              body: table)
            #expect(created.status == 200, "CreateTable: \(created.text)")

            let api = try await ApiBuilder.create(cluster.admin, name: "dynamodb-proxy")
            let items = try await api.resource("items")
            let item = try await api.resource("{id}", under: items)
            let denied = try await api.resource("denied")
            try await Self.awsMethod(api, resource: items, verb: "POST", integration: [
                "type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem", "credentials": Self.role,
                "requestTemplates": ["application/json":
                    #"{"TableName": "items", "Item": {"id": {"S": "$input.path('$.id')"}, "name": {"S": "$input.path('$.name')"}}}"#],
            ])
            try await Self.awsMethod(api, resource: item, verb: "GET", integration: [
                "type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem", "credentials": Self.role,
                "requestTemplates": ["application/json": #"{"TableName": "items", "Key": {"id": {"S": "$input.params('id')"}}}"#],
            ])
            try await Self.awsMethod(api, resource: denied, verb: "POST", integration: [
                "type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
                "credentials": Self.unmappedRole,
                "requestTemplates": ["application/json": #"{"TableName": "items", "Item": {"id": {"S": "never"}}}"#],
            ])
            try await api.deploy(stage: "test")
            #expect(await Self.untilDeployed(cluster, api, "/test/items/none"))
            let port = cluster.nodePorts[0]

            let put = try await cluster.invoke(port: port, apiId: api.id, "/test/items", method: .POST,
                                               headers: [("Content-Type", "application/json")], body: Array(#"{"id": "k1", "name": "kettle"}"#.utf8))
            #expect(put.status == 200, "PutItem: \(put.text)")
            let get = try await cluster.invoke(port: port, apiId: api.id, "/test/items/k1")
            #expect(get.status == 200)
            let document = get.json["Item"] as? [String: [String: String]]
            #expect(document?["name"]?["S"] == "kettle", "GetItem: \(get.text)")

            // An empty key: DynamoDB's 400 ValidationException, selected by status.
            let missing = try await cluster.invoke(port: port, apiId: api.id, "/test/items", method: .POST,
                                                   headers: [("Content-Type", "application/json")], body: Array(#"{"id": ""}"#.utf8))
            #expect(missing.status == 400, "empty key: \(missing.text)")

            let refused = try await cluster.invoke(port: port, apiId: api.id, "/test/denied", method: .POST,
                                                   headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(refused.status == 500)
            #expect(refused.text == #"{"message": "Internal server error"}"#)
            #expect(cluster.node(0).log.contains("no keys for role \(Self.unmappedRole)"))
            // Nothing was written with other keys, or unsigned.
            let never = try await moto.call(cluster.client, service: "dynamodb",
                                            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.GetItem")],
                                            body: #"{"TableName": "items", "Key": {"id": {"S": "never"}}}"#)
            #expect(never.status == 200 && never.json["Item"] == nil, "GetItem never: \(never.text)")
        }
    }

    @Test func stepFunctionsStartExecutionStartsTheStateMachine() async throws {
        try await Self.withCluster { cluster, moto in
            let definition = #"{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}"#
            let created = try await moto.call(cluster.client, service: "states",
                                              headers: [("Content-Type", "application/x-amz-json-1.0"),
                                                        ("X-Amz-Target", "AWSStepFunctions.CreateStateMachine")],
                                              body: #"{"name": "flow", "definition": "\#(definition)", "roleArn": "arn:aws:iam::123456789012:role/sfn"}"#)
            #expect(created.status == 200, "CreateStateMachine: \(created.text)")
            let machine = try #require(created.json["stateMachineArn"] as? String)

            let api = try await ApiBuilder.create(cluster.admin, name: "sfn-proxy")
            let start = try await api.resource("start")
            try await Self.awsMethod(api, resource: start, verb: "POST", integration: [
                "type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:states:action/StartExecution",
                "credentials": Self.role,
                "requestTemplates": ["application/json": #"{"stateMachineArn": "\#(machine)", "input": "$util.escapeJavaScript($input.body)"}"#],
            ])
            try await api.method(start, "GET")
            try await api.integration(start, "GET", ["type": "MOCK", "requestTemplates": ["application/json": #"{"statusCode": 200}"#]])
            try await api.methodResponse(start, "GET", "200")
            try await api.integrationResponse(start, "GET", "200")
            try await api.deploy(stage: "test")
            #expect(await Self.untilDeployed(cluster, api, "/test/start"))

            let started = try await cluster.invoke(port: cluster.nodePorts[0], apiId: api.id, "/test/start", method: .POST,
                                                   headers: [("Content-Type", "application/json")], body: Array(#"{"order": 5}"#.utf8))
            #expect(started.status == 200, "StartExecution: \(started.text)")
            let execution = try #require(started.json["executionArn"] as? String)
            #expect(execution.contains(":execution:flow:"))
        }
    }
}
