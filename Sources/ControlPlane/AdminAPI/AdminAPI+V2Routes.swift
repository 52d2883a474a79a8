import Shared

/// apigatewayv2 routes: CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute,
/// DeleteRouteRequestParameter. A change deploys the API's `autoDeploy` stages.
extension AdminAPI {
    static let v2RouteHandlers: [String: Handler] = [
        "CreateRoute": { try $0.createV2Route(&$1, $2) },
        "GetRoute": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.routes[AdminAPI.v2RouteIndex(document, call)])
        },
        "GetRoutes": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).routes)) },
        "UpdateRoute": { try $0.updateV2Route(&$1, $2) },
        "DeleteRoute": { api, call, tx in
            var document = try api.v2Document(call, tx)
            document.routes.remove(at: try AdminAPI.v2RouteIndex(document, call))
            try api.v2Save(&document, call, tx, configurationChanged: true)
            return .empty
        },
        "DeleteRouteRequestParameter": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2RouteIndex(document, call)
            let key = call.label("requestParameterKey")
            guard document.routes[index].requestParameters?.removeValue(forKey: key) != nil else {
                throw AdminError.notFound("Invalid request parameter key specified \(key)")
            }
            try api.v2Save(&document, call, tx, configurationChanged: true)
            return .empty
        },
    ]

    /// Body of CreateRoute and UpdateRoute.
    struct V2RouteInput: Decodable {
        var routeKey: String?
        var apiKeyRequired: Bool?
        var authorizationScopes: [String]?
        var authorizationType: String?
        var authorizerId: String?
        var modelSelectionExpression: String?
        var operationName: String?
        var requestModels: [String: String]?
        var requestParameters: [String: V2ParameterConstraints]?
        var routeResponseSelectionExpression: String?
        var target: String?
    }

    /// The index of the call's `routeId` in `document`, or v2's 404.
    static func v2RouteIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        let id = call.label("routeId")
        guard let index = document.routes.firstIndex(where: { $0.routeId == id }) else {
            throw AdminError.notFound("Invalid Route identifier specified \(id)")
        }
        return index
    }

    func createV2Route(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2RouteInput.self)
        var document = try v2Document(call, tx)
        guard let routeKey = input.routeKey else { throw AdminAPI.v2Missing("routeKey") }
        var route = V2Route(routeId: AdminAPI.v2FreshId(document.routes.map(\.routeId)), routeKey: routeKey, apiKeyRequired: false,
                            authorizationType: "NONE")
        AdminAPI.merge(input, into: &route)
        try AdminAPI.checkRoute(route, in: document)
        document.routes.append(route)
        try v2Save(&document, call, tx, configurationChanged: true)
        call.targets.append(route.routeId)
        return try .json(route)
    }

    func updateV2Route(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2RouteInput.self)
        var document = try v2Document(call, tx)
        let index = try AdminAPI.v2RouteIndex(document, call)
        var route = document.routes[index]
        if let key = input.routeKey { route.routeKey = key }
        AdminAPI.merge(input, into: &route)
        try AdminAPI.checkRoute(route, in: document)
        document.routes[index] = route
        try v2Save(&document, call, tx, configurationChanged: true)
        return try .json(route)
    }

    private static func merge(_ input: V2RouteInput, into route: inout V2Route) {
        if let value = input.apiKeyRequired { route.apiKeyRequired = value }
        if let value = input.authorizationScopes { route.authorizationScopes = value }
        if let value = input.authorizationType { route.authorizationType = value }
        if let value = input.authorizerId { route.authorizerId = value }
        if let value = input.modelSelectionExpression { route.modelSelectionExpression = value }
        if let value = input.operationName { route.operationName = value }
        if let value = input.requestModels { route.requestModels = value }
        if let value = input.requestParameters { route.requestParameters = value }
        if let value = input.routeResponseSelectionExpression { route.routeResponseSelectionExpression = value }
        if let value = input.target { route.target = value }
    }

    /// Refuses a route AWS would refuse: a bad or duplicate key, a target that is not one of the API's
    /// integrations, an authorization that does not match its authorizer, or WebSocket-only members
    /// on an HTTP API (and JWT on a WebSocket API).
    static func checkRoute(_ route: V2Route, in document: V2ApiDocument) throws {
        let api = document.api
        _ = try V2RouteKey.validate(route.routeKey, protocolType: api.protocolType)
        if document.routes.contains(where: { $0.routeKey == route.routeKey && $0.routeId != route.routeId }) {
            throw AdminError.conflict("Route with key \(route.routeKey) already exists for this API")
        }
        if api.isHTTP {
            // A route table nodes could not build is refused here, never published (`HttpApiCompiler`).
            let table = document.routes.filter { $0.routeId != route.routeId } + [route]
            if let message = HttpApiCompiler.validationMessage(routes: table) { throw AdminError.badRequest(message) }
        }
        guard V2Route.authorizationTypes.contains(route.authorizationType) else {
            throw AdminError.badRequest("Invalid authorizationType: \(route.authorizationType). Must be one of [\(V2Route.authorizationTypes.joined(separator: ", "))]")
        }
        if api.isHTTP {
            if route.apiKeyRequired { throw AdminError.badRequest("API keys are supported only for WebSocket APIs") }
            for (member, present) in [("modelSelectionExpression", route.modelSelectionExpression != nil),
                                      ("requestModels", route.requestModels != nil),
                                      ("requestParameters", route.requestParameters != nil),
                                      ("routeResponseSelectionExpression", route.routeResponseSelectionExpression != nil)] where present {
                throw AdminError.badRequest("\(member) is supported only for WebSocket APIs")
            }
        } else {
            if route.authorizationType == "JWT" { throw AdminError.badRequest("JWT authorizers are supported only for HTTP APIs") }
            for name in (route.requestModels ?? [:]).values where !document.models.contains(where: { $0.name == name }) {
                throw AdminError.notFound("Invalid model specified: \(name)")
            }
            if route.authorizationType != "NONE", route.routeKey != "$connect" {
                throw AdminError.badRequest("A WebSocket API authorizes only its $connect route")
            }
        }
        switch route.authorizationType {
        case "CUSTOM", "JWT":
            guard let id = route.authorizerId else { throw AdminError.badRequest("authorizationType \(route.authorizationType) needs an authorizerId") }
            guard let authorizer = document.authorizers.first(where: { $0.authorizerId == id }) else {
                throw AdminError.notFound("Invalid Authorizer identifier specified \(id)")
            }
            let expected = route.authorizationType == "JWT" ? "JWT" : "REQUEST"
            guard authorizer.authorizerType == expected else {
                throw AdminError.badRequest("authorizationType \(route.authorizationType) needs a \(expected) authorizer; \(id) is \(authorizer.authorizerType)")
            }
        default:
            if route.authorizerId != nil { throw AdminError.badRequest("authorizerId applies only to authorizationType CUSTOM or JWT") }
        }
        if route.authorizationScopes != nil, route.authorizationType != "JWT" {
            throw AdminError.badRequest("authorizationScopes apply only to authorizationType JWT")
        }
        if let target = route.target {
            let prefix = "integrations/"
            guard target.hasPrefix(prefix) else { throw AdminError.badRequest("Invalid target: \(target). Must be integrations/{integrationId}") }
            let id = String(target.dropFirst(prefix.count))
            guard document.integrations.contains(where: { $0.integrationId == id }) else {
                throw AdminError.notFound("Invalid Integration identifier specified \(id)")
            }
        }
    }
}
