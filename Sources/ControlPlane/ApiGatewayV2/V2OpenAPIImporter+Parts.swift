import Foundation
import Shared

/// The integrations and authorizers of an HTTP API's OpenAPI document, each checked by the rule
/// CreateIntegration and CreateAuthorizer apply (`V2IntegrationRules`, `V2AuthorizerRules`).
extension V2OpenAPIImporter {
    static let integrationsRef = "#/components/x-amazon-apigateway-integrations/"

    /// The `integrations/{id}` target of an operation's `x-amazon-apigateway-integration`, or nil
    /// with an error. A `$ref` into `components.x-amazon-apigateway-integrations` makes one
    /// integration that every route naming it shares.
    mutating func integrationTarget(_ value: JSONValue, at location: String) -> String? {
        if let ref = value["$ref"]?.string {
            if let id = sharedIntegrations[ref] { return "integrations/\(id)" }
            guard ref.hasPrefix(Self.integrationsRef),
                  let shared = root["components"]?["x-amazon-apigateway-integrations"]?[String(ref.dropFirst(Self.integrationsRef.count))] else {
                errors.append("\(location).x-amazon-apigateway-integration: $ref \(ref) is not defined")
                return nil
            }
            guard let id = readIntegration(shared, at: "components.x-amazon-apigateway-integrations.\(ref.dropFirst(Self.integrationsRef.count))") else { return nil }
            sharedIntegrations[ref] = id
            return "integrations/\(id)"
        }
        return readIntegration(value, at: "\(location).x-amazon-apigateway-integration").map { "integrations/\($0)" }
    }

    /// Reads one integration object into the definition; its id, or nil with an error.
    mutating func readIntegration(_ value: JSONValue, at location: String) -> String? {
        guard let members = value.members else { errors.append("\(location) must be an object"); return nil }
        guard let type = value["type"]?.string?.uppercased() else { errors.append("\(location).type is required"); return nil }
        var integration = V2Integration(integrationId: freshId(), integrationType: type, connectionType: "INTERNET",
                                        timeoutInMillis: V2IntegrationRules.defaultTimeout(protocolType: "HTTP"))
        var valid = true
        func fail(_ member: String, _ expected: String) {
            errors.append("\(location).\(member) must be \(expected)")
            valid = false
        }
        for (key, member) in members {
            switch key {
            case "type": break
            case "httpMethod": if let text = member.string { integration.integrationMethod = text.uppercased() } else { fail(key, "a string") }
            case "uri": if let text = member.string { integration.integrationUri = text } else { fail(key, "a string") }
            case "payloadFormatVersion": if let text = member.scalarText { integration.payloadFormatVersion = text } else { fail(key, "a string") }
            case "connectionType": if let text = member.string { integration.connectionType = text.uppercased() } else { fail(key, "a string") }
            case "connectionId": if let text = member.string { integration.connectionId = text } else { fail(key, "a string") }
            case "credentials": if let text = member.string { integration.credentialsArn = text } else { fail(key, "a string") }
            case "description": if let text = member.string { integration.description = text } else { fail(key, "a string") }
            case "integrationSubtype": if let text = member.string { integration.integrationSubtype = text } else { fail(key, "a string") }
            case "timeoutInMillis": if let ms = member.int { integration.timeoutInMillis = ms } else { fail(key, "an integer") }
            case "requestParameters": if let map = member.stringMap { integration.requestParameters = map } else { fail(key, "an object of strings") }
            case "responseParameters":
                var result: [String: [String: String]] = [:]
                for (status, mappings) in member.members ?? [] {
                    if let map = mappings.stringMap { result[status] = map } else { fail("\(key).\(status)", "an object of strings") }
                }
                if member.members == nil { fail(key, "an object") } else { integration.responseParameters = result }
            case "tlsConfig":
                if let name = member["serverNameToVerify"]?.string { integration.tlsConfig = V2TlsConfig(serverNameToVerify: name) } else { fail(key, "an object with serverNameToVerify") }
            default:
                definition.warnings.append("Parse issue: attribute \(location).\(key) is unexpected")
            }
        }
        guard valid else { return nil }
        do {
            integration = try V2IntegrationRules.checked(integration, protocolType: "HTTP")
        } catch {
            errors.append("\(location): \(error.message)")
            return nil
        }
        definition.integrations.append(integration)
        return integration.integrationId
    }

    // MARK: - Authorizers

    /// `components.securitySchemes` with `x-amazon-apigateway-authorizer` (`jwt`, `request`),
    /// named after their scheme. A scheme without the extension makes no authorizer (a route
    /// naming it is refused in `readSecurity`).
    mutating func readAuthorizers() {
        for (name, scheme) in root["components"]?["securitySchemes"]?.members ?? [] {
            guard let value = scheme["x-amazon-apigateway-authorizer"] else { continue }
            let location = "components.securitySchemes.\(name).x-amazon-apigateway-authorizer"
            guard let members = value.members else { errors.append("\(location) must be an object"); continue }
            let type: String
            switch value["type"]?.string?.lowercased() {
            case "jwt": type = "JWT"
            case "request": type = "REQUEST"
            default:
                errors.append("\(location).type must be jwt or request for an HTTP API")
                continue
            }
            var authorizer = V2Authorizer(authorizerId: freshId(), authorizerType: type, name: name)
            for (key, member) in members {
                switch key {
                case "type": break
                case "identitySource":
                    let sources = member.items?.compactMap(\.scalarText)
                        ?? member.string?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    if let sources { authorizer.identitySource = sources } else { errors.append("\(location).identitySource must be a string") }
                case "jwtConfiguration":
                    var jwt = V2JwtConfiguration()
                    jwt.issuer = member["issuer"]?.string
                    jwt.audience = member["audience"]?.items?.compactMap(\.scalarText)
                    authorizer.jwtConfiguration = jwt
                case "authorizerUri": authorizer.authorizerUri = member.string
                case "authorizerCredentials": authorizer.authorizerCredentialsArn = member.string
                case "authorizerPayloadFormatVersion": authorizer.authorizerPayloadFormatVersion = member.scalarText
                case "enableSimpleResponses": authorizer.enableSimpleResponses = member.bool
                case "authorizerResultTtlInSeconds": authorizer.authorizerResultTtlInSeconds = member.int
                default:
                    definition.warnings.append("Parse issue: attribute \(location).\(key) is unexpected")
                }
            }
            do {
                definition.authorizers.append(try V2AuthorizerRules.checked(authorizer, protocolType: "HTTP"))
            } catch {
                errors.append("\(location): \(error.message)")
            }
        }
    }
}
