import Shared

/// apigatewayv2 integrations: CreateIntegration, GetIntegration, GetIntegrations, UpdateIntegration,
/// DeleteIntegration (refused while a route targets it). A change deploys the `autoDeploy` stages.
extension AdminAPI {
    static let v2IntegrationHandlers: [String: Handler] = [
        "CreateIntegration": { try $0.createV2Integration(&$1, $2) },
        "GetIntegration": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.integrations[AdminAPI.v2IntegrationIndex(document, call)])
        },
        "GetIntegrations": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).integrations)) },
        "UpdateIntegration": { try $0.updateV2Integration(&$1, $2) },
        "DeleteIntegration": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2IntegrationIndex(document, call)
            let target = "integrations/\(document.integrations[index].integrationId)"
            if let route = document.routes.first(where: { $0.target == target }) {
                throw AdminError.conflict("Integration \(document.integrations[index].integrationId) is the target of route \(route.routeKey); change the route first")
            }
            document.integrations.remove(at: index)
            try api.v2Save(&document, call, tx, configurationChanged: true)
            return .empty
        },
    ]

    /// Body of CreateIntegration and UpdateIntegration.
    struct V2IntegrationInput: Decodable {
        var integrationType: String?
        var connectionId: String?
        var connectionType: String?
        var contentHandlingStrategy: String?
        var credentialsArn: String?
        var description: String?
        var integrationMethod: String?
        var integrationSubtype: String?
        var integrationUri: String?
        var passthroughBehavior: String?
        var payloadFormatVersion: String?
        var requestParameters: [String: String]?
        var requestTemplates: [String: String]?
        var responseParameters: [String: [String: String]]?
        var templateSelectionExpression: String?
        var timeoutInMillis: Int?
        var tlsConfig: V2TlsConfig?
    }

    /// The index of the call's `integrationId` in `document`, or v2's 404.
    static func v2IntegrationIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        let id = call.label("integrationId")
        guard let index = document.integrations.firstIndex(where: { $0.integrationId == id }) else {
            throw AdminError.notFound("Invalid Integration identifier specified \(id)")
        }
        return index
    }

    func createV2Integration(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2IntegrationInput.self)
        var document = try v2Document(call, tx)
        guard let type = input.integrationType else { throw AdminAPI.v2Missing("integrationType") }
        var integration = V2Integration(integrationId: AdminAPI.v2FreshId(document.integrations.map(\.integrationId)), integrationType: type,
                                        connectionType: "INTERNET",
                                        timeoutInMillis: V2IntegrationRules.defaultTimeout(protocolType: document.api.protocolType))
        AdminAPI.merge(input, into: &integration)
        integration = try V2IntegrationRules.checked(integration, protocolType: document.api.protocolType)
        document.integrations.append(integration)
        try v2Save(&document, call, tx, configurationChanged: true)
        call.targets.append(integration.integrationId)
        return try .json(integration)
    }

    func updateV2Integration(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2IntegrationInput.self)
        var document = try v2Document(call, tx)
        let index = try AdminAPI.v2IntegrationIndex(document, call)
        var integration = document.integrations[index]
        if let type = input.integrationType { integration.integrationType = type }
        AdminAPI.merge(input, into: &integration)
        integration = try V2IntegrationRules.checked(integration, protocolType: document.api.protocolType)
        document.integrations[index] = integration
        try v2Save(&document, call, tx, configurationChanged: true)
        return try .json(integration)
    }

    private static func merge(_ input: V2IntegrationInput, into integration: inout V2Integration) {
        if let value = input.connectionId { integration.connectionId = value }
        if let value = input.connectionType { integration.connectionType = value }
        if let value = input.contentHandlingStrategy { integration.contentHandlingStrategy = value }
        if let value = input.credentialsArn { integration.credentialsArn = value }
        if let value = input.description { integration.description = value }
        if let value = input.integrationMethod { integration.integrationMethod = value }
        if let value = input.integrationSubtype { integration.integrationSubtype = value }
        if let value = input.integrationUri { integration.integrationUri = value }
        if let value = input.passthroughBehavior { integration.passthroughBehavior = value }
        if let value = input.payloadFormatVersion { integration.payloadFormatVersion = value }
        if let value = input.requestParameters { integration.requestParameters = value }
        if let value = input.requestTemplates { integration.requestTemplates = value }
        if let value = input.responseParameters { integration.responseParameters = value }
        if let value = input.templateSelectionExpression { integration.templateSelectionExpression = value }
        if let value = input.timeoutInMillis { integration.timeoutInMillis = value }
        if let value = input.tlsConfig { integration.tlsConfig = value }
    }
}
