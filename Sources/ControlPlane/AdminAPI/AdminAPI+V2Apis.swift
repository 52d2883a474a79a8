import Shared

/// apigatewayv2 APIs: CreateApi (with quick create), GetApi, GetApis, UpdateApi, DeleteApi,
/// DeleteCorsConfiguration.
extension AdminAPI {
    static let v2ApiHandlers: [String: Handler] = [
        "CreateApi": { try $0.createV2Api(&$1, $2) },
        "GetApi": { api, call, tx in try .json(api.v2Document(call, tx).api) },
        "GetApis": { _, call, tx in try .json(call.v2Page(tx.v2Apis().map(\.api))) },
        "UpdateApi": { try $0.updateV2Api(&$1, $2) },
        "DeleteApi": { api, call, tx in
            _ = try api.v2Document(call, tx)
            _ = try tx.deleteV2Api(call.label("apiId"))
            return .empty
        },
        "DeleteCorsConfiguration": { api, call, tx in
            var document = try api.v2Document(call, tx)
            guard document.api.corsConfiguration != nil else { throw AdminError.notFound("Invalid CORS configuration specified") }
            document.api.corsConfiguration = nil
            try api.v2Save(&document, call, tx, configurationChanged: false)
            return .empty
        },
    ]

    /// Body of CreateApi and UpdateApi (every member optional here; CreateApi checks the required).
    struct V2ApiInput: Decodable {
        var name: String?
        var protocolType: String?
        var routeSelectionExpression: String?
        var apiKeySelectionExpression: String?
        var corsConfiguration: V2Cors?
        var description: String?
        var version: String?
        var disableSchemaValidation: Bool?
        var disableExecuteApiEndpoint: Bool?
        var ipAddressType: String?
        var tags: [String: String]?
        var target: String?
        var routeKey: String?
        var credentialsArn: String?
    }

    static let v2IpAddressTypes = ["ipv4", "dualstack"]

    func createV2Api(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2ApiInput.self)
        guard let name = input.name else { throw AdminAPI.v2Missing("name") }
        guard let protocolType = input.protocolType else { throw AdminAPI.v2Missing("protocolType") }
        guard V2Api.protocolTypes.contains(protocolType) else {
            throw AdminError.badRequest("Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]")
        }
        var id = ResourceID.generate(length: ResourceID.restApiLength)
        while try tx.apiIdInUse(id) { id = ResourceID.generate(length: ResourceID.restApiLength) }
        let isHTTP = protocolType == "HTTP"
        var api = V2Api(apiId: id, name: name, protocolType: protocolType, routeSelectionExpression: "",
                        apiKeySelectionExpression: V2Api.defaultApiKeySelectionExpression,
                        apiEndpoint: V2Api.endpoint(apiId: id, region: configuration.region, protocolType: protocolType),
                        createdDate: AdminAPI.iso8601(call.now), disableExecuteApiEndpoint: false, ipAddressType: "ipv4",
                        tags: try TagRules.checked(input.tags ?? [:]))
        if isHTTP {
            api.routeSelectionExpression = V2Api.httpRouteSelectionExpression
        } else {
            guard let expression = input.routeSelectionExpression else { throw AdminAPI.v2Missing("routeSelectionExpression") }
            api.routeSelectionExpression = expression
        }
        try AdminAPI.applyV2ApiInput(input, to: &api)
        var document = V2ApiDocument(api: api)
        if input.target != nil || input.routeKey != nil || input.credentialsArn != nil {
            try quickCreate(input, &document, call)
        }
        try tx.insertV2Api(document, created: call.now)
        call.targets.append(id)
        return try .json(document.api)
    }

    func updateV2Api(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2ApiInput.self)
        var document = try v2Document(call, tx)
        if input.protocolType != nil { throw AdminError.badRequest("The protocolType of an API cannot be changed") }
        if input.target != nil || input.routeKey != nil || input.credentialsArn != nil {
            throw AdminError.notImplemented("Tollgate does not implement quick-create updates (target, routeKey, credentialsArn) in UpdateApi")
        }
        if input.tags != nil { throw AdminError.badRequest("Invalid input: tags cannot be updated by UpdateApi; use TagResource") }
        try AdminAPI.applyV2ApiInput(input, to: &document.api)
        try v2Save(&document, call, tx, configurationChanged: false)
        return try .json(document.api)
    }

    /// Applies the members CreateApi and UpdateApi share to `api`, refusing what its protocol does
    /// not support (a setting Tollgate cannot honour is refused, never ignored).
    private static func applyV2ApiInput(_ input: V2ApiInput, to api: inout V2Api) throws {
        if let name = input.name {
            guard (1...128).contains(name.count) else { throw AdminError.badRequest("Invalid name: must be 1 to 128 characters long") }
            api.name = name
        }
        if let description = input.description {
            guard description.count <= 1_024 else { throw AdminError.badRequest("Invalid description: must be at most 1024 characters long") }
            api.description = description
        }
        if let version = input.version {
            guard version.count <= 64 else { throw AdminError.badRequest("Invalid version: must be at most 64 characters long") }
            api.version = version
        }
        if let expression = input.routeSelectionExpression {
            if api.isHTTP {
                guard [V2Api.httpRouteSelectionExpression, "${request.method} ${request.path}"].contains(expression) else {
                    throw AdminError.badRequest("Invalid routeSelectionExpression: an HTTP API's must be ${request.method} ${request.path}")
                }
            } else {
                guard expression.hasPrefix("$") else { throw AdminError.badRequest("Invalid routeSelectionExpression: \(expression)") }
                api.routeSelectionExpression = expression
            }
        }
        if let expression = input.apiKeySelectionExpression {
            let allowed = [V2Api.defaultApiKeySelectionExpression, "$context.authorizer.usageIdentifierKey"]
            guard allowed.contains(expression) else {
                throw AdminError.badRequest("Invalid apiKeySelectionExpression: must be one of [\(allowed.joined(separator: ", "))]")
            }
            guard !api.isHTTP || expression == V2Api.defaultApiKeySelectionExpression else {
                throw AdminError.badRequest("apiKeySelectionExpression is supported only for WebSocket APIs")
            }
            api.apiKeySelectionExpression = expression
        }
        if let cors = input.corsConfiguration {
            guard api.isHTTP else { throw AdminError.badRequest("CORS configuration is supported only for HTTP APIs") }
            api.corsConfiguration = try cors.checked()
        }
        if let disable = input.disableSchemaValidation {
            guard !api.isHTTP || !disable else { throw AdminError.badRequest("disableSchemaValidation is supported only for WebSocket APIs") }
            api.disableSchemaValidation = disable
        }
        if let disable = input.disableExecuteApiEndpoint { api.disableExecuteApiEndpoint = disable }
        if let type = input.ipAddressType {
            guard v2IpAddressTypes.contains(type) else { throw AdminError.badRequest("Invalid ipAddressType: must be one of [ipv4, dualstack]") }
            api.ipAddressType = type
        }
    }

    // MARK: - Quick create

    /// Quick create: an integration to `target` (a Lambda function ⇒ AWS_PROXY, payload 2.0; a URL ⇒
    /// HTTP_PROXY with method ANY, payload 1.0), a route (`routeKey`, default `$default`) to it, and a
    /// `$default` stage that deploys automatically, all marked `apiGatewayManaged`. HTTP APIs only.
    private func quickCreate(_ input: V2ApiInput, _ document: inout V2ApiDocument, _ call: AdminCall) throws {
        guard document.api.isHTTP else { throw AdminError.badRequest("Quick create is supported only for HTTP APIs") }
        guard let target = input.target else { throw AdminError.badRequest("routeKey and credentialsArn require a target (quick create)") }
        let isLambda = target.hasPrefix("arn:")
        if input.credentialsArn != nil, !isLambda {
            throw AdminError.badRequest("credentialsArn is supported only for a Lambda target")
        }
        var integration = V2Integration(integrationId: AdminAPI.v2FreshId([]), integrationType: isLambda ? "AWS_PROXY" : "HTTP_PROXY",
                                        apiGatewayManaged: true, connectionType: "INTERNET", credentialsArn: input.credentialsArn,
                                        integrationMethod: isLambda ? "POST" : "ANY", integrationUri: target,
                                        payloadFormatVersion: isLambda ? "2.0" : "1.0", timeoutInMillis: 30_000)
        integration = try V2IntegrationRules.checked(integration, protocolType: "HTTP")
        let routeKey = try V2RouteKey.validate(input.routeKey ?? "$default", protocolType: "HTTP")
        document.integrations.append(integration)
        document.routes.append(V2Route(routeId: AdminAPI.v2FreshId([integration.integrationId]), routeKey: routeKey, apiGatewayManaged: true,
                                       apiKeyRequired: false, authorizationType: "NONE",
                                       target: "integrations/\(integration.integrationId)"))
        let now = AdminAPI.iso8601(call.now)
        document.stages.append(V2Stage(stageName: "$default", apiGatewayManaged: true, autoDeploy: true, createdDate: now,
                                       defaultRouteSettings: V2Stage.defaultRouteSettings(isHTTP: true),
                                       lastUpdatedDate: now, routeSettings: [:]))
        v2AutoDeploy(&document, call)
    }
}
