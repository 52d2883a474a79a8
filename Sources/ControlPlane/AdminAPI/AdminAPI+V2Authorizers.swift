import Shared

/// apigatewayv2 authorizers: CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer,
/// DeleteAuthorizer (refused while a route uses it). A change deploys the `autoDeploy` stages.
extension AdminAPI {
    static let v2AuthorizerHandlers: [String: Handler] = [
        "CreateAuthorizer": { try $0.createV2Authorizer(&$1, $2) },
        "GetAuthorizer": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.authorizers[AdminAPI.v2AuthorizerIndex(document, call)])
        },
        "GetAuthorizers": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).authorizers)) },
        "UpdateAuthorizer": { try $0.updateV2Authorizer(&$1, $2) },
        "DeleteAuthorizer": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2AuthorizerIndex(document, call)
            let id = document.authorizers[index].authorizerId
            if let route = document.routes.first(where: { $0.authorizerId == id }) {
                throw AdminError.conflict("Authorizer \(id) is used by route \(route.routeKey); change the route first")
            }
            document.authorizers.remove(at: index)
            try api.v2Save(&document, call, tx, configurationChanged: true)
            return .empty
        },
    ]

    /// Body of CreateAuthorizer and UpdateAuthorizer.
    struct V2AuthorizerInput: Decodable {
        var authorizerType: String?
        var name: String?
        var authorizerCredentialsArn: String?
        var authorizerPayloadFormatVersion: String?
        var authorizerResultTtlInSeconds: Int?
        var authorizerUri: String?
        var enableSimpleResponses: Bool?
        var identitySource: [String]?
        var identityValidationExpression: String?
        var jwtConfiguration: V2JwtConfiguration?
    }

    /// The index of the call's `authorizerId` in `document`, or v2's 404.
    static func v2AuthorizerIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        let id = call.label("authorizerId")
        guard let index = document.authorizers.firstIndex(where: { $0.authorizerId == id }) else {
            throw AdminError.notFound("Invalid Authorizer identifier specified \(id)")
        }
        return index
    }

    func createV2Authorizer(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2AuthorizerInput.self)
        var document = try v2Document(call, tx)
        guard let type = input.authorizerType else { throw AdminAPI.v2Missing("authorizerType") }
        guard let name = input.name else { throw AdminAPI.v2Missing("name") }
        var authorizer = V2Authorizer(authorizerId: AdminAPI.v2FreshId(document.authorizers.map(\.authorizerId)), authorizerType: type, name: name)
        AdminAPI.merge(input, into: &authorizer)
        authorizer = try V2AuthorizerRules.checked(authorizer, protocolType: document.api.protocolType)
        document.authorizers.append(authorizer)
        try v2Save(&document, call, tx, configurationChanged: true)
        call.targets.append(authorizer.authorizerId)
        return try .json(authorizer)
    }

    func updateV2Authorizer(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2AuthorizerInput.self)
        var document = try v2Document(call, tx)
        let index = try AdminAPI.v2AuthorizerIndex(document, call)
        var authorizer = document.authorizers[index]
        if let type = input.authorizerType, type != authorizer.authorizerType {
            if document.routes.contains(where: { $0.authorizerId == authorizer.authorizerId }) {
                throw AdminError.conflict("The type of authorizer \(authorizer.authorizerId) cannot change while a route uses it")
            }
            authorizer.authorizerType = type
        }
        if let name = input.name { authorizer.name = name }
        AdminAPI.merge(input, into: &authorizer)
        authorizer = try V2AuthorizerRules.checked(authorizer, protocolType: document.api.protocolType)
        document.authorizers[index] = authorizer
        try v2Save(&document, call, tx, configurationChanged: true)
        return try .json(authorizer)
    }

    private static func merge(_ input: V2AuthorizerInput, into authorizer: inout V2Authorizer) {
        if let value = input.authorizerCredentialsArn { authorizer.authorizerCredentialsArn = value }
        if let value = input.authorizerPayloadFormatVersion { authorizer.authorizerPayloadFormatVersion = value }
        if let value = input.authorizerResultTtlInSeconds { authorizer.authorizerResultTtlInSeconds = value }
        if let value = input.authorizerUri { authorizer.authorizerUri = value }
        if let value = input.enableSimpleResponses { authorizer.enableSimpleResponses = value }
        if let value = input.identitySource { authorizer.identitySource = value }
        if let value = input.identityValidationExpression { authorizer.identityValidationExpression = value }
        if let value = input.jwtConfiguration { authorizer.jwtConfiguration = value }
    }
}
