import Foundation
import Shared

/// Reads an OpenAPI 3.0 document (JSON or YAML, `OpenAPIImporter.read`) with the HTTP API
/// extensions AWS documents into a `V2ImportedDefinition`, for ImportApi and ReimportApi.
///
/// Pure and synchronous; ids come from `freshId`. What AWS would refuse is collected and thrown
/// together (`OpenAPIImportError.errors`); what is skipped becomes a warning. Read:
/// `info.title|description|version`; each path's operations (`get`…`trace`,
/// `x-amazon-apigateway-any-method` as `ANY`; the path `$default` as the `$default` route) with
/// `x-amazon-apigateway-integration` (inline, or a `$ref` into
/// `components.x-amazon-apigateway-integrations`, shared by the routes naming it), `security`
/// (operation, else root) naming a scheme of `components.securitySchemes` with
/// `x-amazon-apigateway-authorizer` (`jwt` or `request`), `x-amazon-apigateway-auth`
/// (`AWS_IAM`/`NONE`) and `operationId`; `x-amazon-apigateway-cors`;
/// `x-amazon-apigateway-importexport-version` (only `1.0`); the base path per `basepath`.
struct V2OpenAPIImporter {
    let root: JSONValue
    let freshId: () -> String
    var definition: V2ImportedDefinition
    var errors: [String] = []
    /// Integrations made from `components.x-amazon-apigateway-integrations`, by `$ref`.
    var sharedIntegrations: [String: String] = [:]

    static let operationMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
    static let anyMethod = "x-amazon-apigateway-any-method"

    /// The definition of `document`, or why it cannot be imported.
    static func definition(of document: JSONValue, basePath: OpenAPIImportOptions.BasePath = .ignore,
                           freshId: @escaping () -> String) throws(OpenAPIImportError) -> V2ImportedDefinition {
        guard document.members != nil else { throw .unreadable("the document is not an object") }
        if document["swagger"] != nil { throw .unsupportedVersion }
        guard let version = document["openapi"]?.scalarText else { throw .unreadable("'openapi' is a required property") }
        guard version.hasPrefix("3.0") else { throw .unsupportedVersion }
        guard let info = document["info"], info.members != nil else { throw .unreadable("'info' is a required property") }
        guard let title = info["title"]?.scalarText else { throw .unreadable("'title' is a required property") }
        guard let paths = document["paths"] else { throw .unreadable("'paths' is a required property") }
        guard let pathMembers = paths.members else { throw .unreadable("'paths' is not of type 'object'") }

        var importer = V2OpenAPIImporter(root: document, freshId: freshId, definition: V2ImportedDefinition(name: title))
        if !(1...128).contains(title.count) { importer.errors.append("Invalid title: must be 1 to 128 characters long") }
        importer.definition.description = info["description"]?.scalarText
        importer.definition.version = info["version"]?.scalarText
        importer.readRootExtensions()
        importer.readAuthorizers()
        let prefix = importer.prefix(basePath)
        for (path, item) in pathMembers { importer.readPath(path, item, prefix: prefix) }
        guard importer.errors.isEmpty else { throw .errors(importer.errors) }
        return importer.definition
    }

    // MARK: - Root

    mutating func readRootExtensions() {
        for (key, value) in root.members ?? [] where key.hasPrefix("x-amazon-apigateway-") {
            switch key {
            case "x-amazon-apigateway-importexport-version":
                // YAML reads an unquoted `1.0` as the number 1; it is the same version.
                if value.scalarText != "1.0" && value != .number(1) {
                    errors.append("Unsupported x-amazon-apigateway-importexport-version \(value.scalarText ?? "?"). The only supported value is 1.0")
                }
            case "x-amazon-apigateway-cors": readCors(value)
            case "x-amazon-apigateway-endpoint-configuration":
                for (member, setting) in value.members ?? [] {
                    if member == "disableExecuteApiEndpoint", let flag = setting.bool {
                        definition.disableExecuteApiEndpoint = flag
                    } else {
                        definition.warnings.append("Parse issue: attribute \(key).\(member) is not supported for HTTP APIs and was ignored")
                    }
                }
            default:
                definition.warnings.append("Parse issue: extension \(key) is not supported for HTTP APIs and was ignored")
            }
        }
    }

    mutating func readCors(_ value: JSONValue) {
        guard let members = value.members else { return errors.append("x-amazon-apigateway-cors must be an object") }
        var cors = V2Cors()
        for (key, member) in members {
            switch key {
            case "allowOrigins": cors.allowOrigins = strings(member, "x-amazon-apigateway-cors.allowOrigins")
            case "allowMethods": cors.allowMethods = strings(member, "x-amazon-apigateway-cors.allowMethods")
            case "allowHeaders": cors.allowHeaders = strings(member, "x-amazon-apigateway-cors.allowHeaders")
            case "exposeHeaders": cors.exposeHeaders = strings(member, "x-amazon-apigateway-cors.exposeHeaders")
            case "allowCredentials":
                if let flag = member.bool { cors.allowCredentials = flag } else { errors.append("x-amazon-apigateway-cors.allowCredentials must be a boolean") }
            case "maxAge":
                if let seconds = member.int { cors.maxAge = seconds } else { errors.append("x-amazon-apigateway-cors.maxAge must be an integer") }
            default:
                definition.warnings.append("Parse issue: attribute x-amazon-apigateway-cors.\(key) is unexpected")
            }
        }
        do { definition.cors = try cors.checked() } catch { errors.append(error.message) }
    }

    /// The strings of an array member, or nil with an error.
    mutating func strings(_ value: JSONValue, _ where: String) -> [String]? {
        guard let items = value.items else { errors.append("\(`where`) must be an array of strings"); return nil }
        let texts = items.compactMap(\.scalarText)
        if texts.count != items.count { errors.append("\(`where`) must be an array of strings") }
        return texts
    }

    /// The prefix the base path gives every route path (`ignore`: none), without slashes.
    func prefix(_ mode: OpenAPIImportOptions.BasePath) -> String {
        var base = ""
        if let server = root["servers"]?.items?.first {
            if let variable = server["variables"]?["basePath"]?["default"]?.scalarText {
                base = variable
            } else if let url = server["url"]?.string, !url.contains("{") {
                let afterScheme = url.range(of: "://").map { String(url[$0.upperBound...]) } ?? url
                base = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? ""
            }
        }
        let parts = base.split(separator: "/")
        switch mode {
        case .ignore: return ""
        case .prepend: return parts.joined(separator: "/")
        case .split: return parts.dropFirst().joined(separator: "/")
        }
    }

    // MARK: - Paths

    mutating func readPath(_ path: String, _ item: JSONValue, prefix: String) {
        guard let members = item.members else { return errors.append("paths.'\(path)' must be an object") }
        for (key, operation) in members {
            let method: String
            if key == Self.anyMethod {
                method = "ANY"
            } else if Self.operationMethods.contains(key) {
                method = key.uppercased()
            } else {
                if key.hasPrefix("x-amazon-apigateway-") {
                    definition.warnings.append("Parse issue: attribute paths.'\(path)'.\(key) is not supported for HTTP APIs and was ignored")
                }
                continue
            }
            let routeKey: String
            if path == "$default" {
                guard method == "ANY" else {
                    errors.append("The $default path takes only x-amazon-apigateway-any-method, not \(key)")
                    continue
                }
                routeKey = "$default"
            } else {
                let full = prefix.isEmpty ? path : "/" + prefix + (path == "/" ? "" : path)
                routeKey = "\(method) \(full)"
            }
            readOperation(operation, routeKey: routeKey, at: "paths.'\(path)'(\(key))")
        }
    }

    mutating func readOperation(_ operation: JSONValue, routeKey: String, at location: String) {
        do {
            _ = try V2RouteKey.validate(routeKey, protocolType: "HTTP")
        } catch {
            return errors.append("\(location): \(error.message)")
        }
        var route = V2Route(routeId: freshId(), routeKey: routeKey, apiKeyRequired: false, authorizationType: "NONE")
        route.operationName = operation["operationId"]?.scalarText
        if let integration = operation["x-amazon-apigateway-integration"] {
            route.target = integrationTarget(integration, at: location)
        }
        readSecurity(operation, into: &route, at: location)
        checkSchemaReferences(operation, at: location)
        definition.routes.append(route)
    }

    /// `security` (the operation's, else the root's) and `x-amazon-apigateway-auth` on `route`.
    mutating func readSecurity(_ operation: JSONValue, into route: inout V2Route, at location: String) {
        if let auth = operation["x-amazon-apigateway-auth"] {
            switch auth["type"]?.string?.uppercased() {
            case "AWS_IAM": route.authorizationType = "AWS_IAM"
            case "NONE": break
            default: errors.append("\(location).x-amazon-apigateway-auth.type must be AWS_IAM or NONE")
            }
        }
        guard let security = operation["security"] ?? root["security"] else { return }
        guard let requirements = security.items else { return errors.append("\(location).security must be an array") }
        let named = requirements.flatMap { $0.members ?? [] }
        guard !named.isEmpty else { return }
        guard named.count == 1, route.authorizationType == "NONE" else {
            return errors.append("\(location): an HTTP API route takes one authorizer; security names \(named.count) (or is combined with AWS_IAM)")
        }
        let (name, scopes) = named[0]
        guard let authorizer = definition.authorizers.first(where: { $0.name == name }) else {
            return errors.append("\(location): security scheme \(name) is not defined with an x-amazon-apigateway-authorizer in components.securitySchemes")
        }
        route.authorizerId = authorizer.authorizerId
        route.authorizationType = authorizer.authorizerType == "JWT" ? "JWT" : "CUSTOM"
        let list = scopes.items?.compactMap(\.scalarText) ?? []
        if !list.isEmpty { route.authorizationScopes = list }
    }

    /// Warns, in AWS's words, about a response or request body schema `$ref` to a schema the
    /// document does not define.
    mutating func checkSchemaReferences(_ operation: JSONValue, at location: String) {
        let schemas = root["components"]?["schemas"]
        func check(_ content: JSONValue?, _ at: String) -> [String] {
            (content?.members ?? []).compactMap { _, media in
                guard let ref = media["schema"]?["$ref"]?.string else { return nil }
                let prefix = "#/components/schemas/"
                if ref.hasPrefix(prefix), schemas?[String(ref.dropFirst(prefix.count))] != nil { return nil }
                return "Parse issue: attribute \(at).content.schema.\(ref) is missing"
            }
        }
        definition.warnings += check(operation["requestBody"]?["content"], "\(location).requestBody")
        for (code, response) in operation["responses"]?.members ?? [] {
            definition.warnings += check(response["content"], "\(location).responses.\(code)")
        }
    }
}
