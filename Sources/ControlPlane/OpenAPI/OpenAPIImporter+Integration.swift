import Shared

/// `x-amazon-apigateway-integration` into an `Integration`, checked as PutIntegration checks it.
extension OpenAPIImporter {
    static let integrationKeys: Set<String> = [
        "type", "httpMethod", "uri", "connectionType", "connectionId", "credentials", "requestParameters", "requestTemplates",
        "passthroughBehavior", "contentHandling", "timeoutInMillis", "cacheNamespace", "cacheKeyParameters", "responses",
        "tlsConfig", "responseTransferMode",
    ]

    /// `where_` reads "'GET' for resource at path '/pets'", as in AWS's messages.
    mutating func readIntegration(_ node: JSONValue, at where_: String) -> Integration? {
        let prefix = "Unable to put integration on \(where_): "
        guard node.members != nil else {
            errors.append(prefix + "x-amazon-apigateway-integration must be an object")
            return nil
        }
        guard let type = node["type"]?.string?.uppercased() else {
            errors.append(prefix + "Enumeration value for Integration type must be non-empty")
            return nil
        }
        for key in (node.members ?? []).map(\.key) where !Self.integrationKeys.contains(key) {
            warn("Unsupported x-amazon-apigateway-integration member '\(key)' on \(where_); ignored")
        }
        if let uri = node["uri"], uri.string == nil {
            errors.append(prefix + "uri must be a string (CloudFormation intrinsic functions are not resolved on import)")
            return nil
        }
        let textOrNil: (String) -> String? = { node[$0]?.scalarText }
        var integration = Integration(
            type: type, httpMethod: textOrNil("httpMethod")?.uppercased(), uri: textOrNil("uri"),
            connectionType: textOrNil("connectionType")?.uppercased() ?? "INTERNET", connectionId: textOrNil("connectionId"),
            credentials: textOrNil("credentials"), requestParameters: node["requestParameters"]?.stringMap,
            requestTemplates: node["requestTemplates"]?.stringMap,
            passthroughBehavior: textOrNil("passthroughBehavior")?.uppercased() ?? "WHEN_NO_MATCH",
            contentHandling: textOrNil("contentHandling")?.uppercased(), timeoutInMillis: 29000,
            cacheNamespace: textOrNil("cacheNamespace"),
            cacheKeyParameters: (node["cacheKeyParameters"]?.items ?? []).compactMap(\.string),
            tlsConfig: node["tlsConfig"].map { TlsConfig(insecureSkipVerification: $0["insecureSkipVerification"]?.bool) },
            responseTransferMode: textOrNil("responseTransferMode")?.uppercased())
        if let timeout = node["timeoutInMillis"] {
            guard let millis = timeout.int ?? timeout.string.flatMap({ Int($0) }) else {
                errors.append(prefix + "timeoutInMillis must be an integer")
                return nil
            }
            integration.timeoutInMillis = millis
        }
        if integration.requestTemplates?.isEmpty == true { integration.requestTemplates = nil }
        do {
            try AdminAPI.checkIntegration(integration, operation: "PutIntegration")
        } catch {
            errors.append(prefix + error.message)
            return nil
        }
        for (pattern, entry) in node["responses"]?.members ?? [] {
            guard let status = entry["statusCode"]?.scalarText else {
                errors.append("Unable to put integration response on \(where_): statusCode is required (response '\(pattern)')")
                continue
            }
            let handling = entry["contentHandling"]?.string?.uppercased()
            if let handling, !AdminAPI.contentHandlings.contains(handling) {
                errors.append("Unable to put integration response on \(where_): Invalid content handling specified: \(handling)")
            }
            var templates = entry["responseTemplates"]?.stringMap
            if templates?.isEmpty == true { templates = nil }
            let response = IntegrationResponse(statusCode: status, selectionPattern: pattern == "default" ? nil : pattern,
                                               responseParameters: entry["responseParameters"]?.stringMap,
                                               responseTemplates: templates, contentHandling: handling)
            integration.integrationResponses = (integration.integrationResponses ?? [:]).merging([status: response]) { $1 }
        }
        return integration
    }
}
