import Foundation
import Shared

/// Writes a deployed API definition as OpenAPI 3.0 (`oas30`) or Swagger 2.0 (`swagger`), with the
/// `x-amazon-apigateway-*` extensions the caller asked for (GetExport's `extensions`).
///
/// Pure: the same definition and inputs give the same document, keys in a fixed order, so an
/// export read back by `OpenAPIImporter` and exported again is unchanged (`OpenAPIRoundTripTests`).
struct OpenAPIExporter {
    enum Format: String, Sendable {
        case oas30
        case swagger
    }

    /// GetExport's `extensions` parameter: `integrations`, `authorizers`, `apigateway` (all of them).
    struct Extensions: OptionSet, Sendable {
        let rawValue: Int
        static let integrations = Extensions(rawValue: 1)
        static let authorizers = Extensions(rawValue: 2)
        /// API-level extensions (binary media types, gateway responses, validators, policy …).
        static let api = Extensions(rawValue: 4)
        static let all: Extensions = [.integrations, .authorizers, .api]
    }

    let content: DeploymentContent
    let format: Format
    let stageName: String
    let region: String
    /// When the deployment was made (epoch seconds): `info.version` when the API has no `version`.
    let deployedAt: Int64
    let extensions: Extensions
    /// The parts written as `x-amazon-apigateway-documentation` (with `.api`): GetExport reads them
    /// from the store (`ConfigTransaction.documentationParts`, or the stage's documentation version).
    var documentationParts: [DocumentationPart] = []
    /// The documentation version the stage names, written as the extension's `version`.
    var documentationVersion: String?

    var isSwagger: Bool { format == .swagger }
    var schemaPrefix: String { isSwagger ? "#/definitions/" : "#/components/schemas/" }

    /// The models every API has, written out when a method names one that is not stored.
    static let builtInSchemas: [String: String] = [
        "Empty": #"{"$schema":"http://json-schema.org/draft-04/schema#","title":"Empty Schema","type":"object"}"#,
        "Error": #"{"$schema":"http://json-schema.org/draft-04/schema#","title":"Error Schema","type":"object","properties":{"message":{"type":"string"}}}"#,
    ]

    func document() -> JSONValue {
        let api = content.api
        var root: [(key: String, value: JSONValue)] = []
        let host = "\(api.id).execute-api.\(region).amazonaws.com"
        var info: [(key: String, value: JSONValue)] = []
        info.add("title", api.name)
        info.add("description", api.description)
        info.add("version", api.version ?? Self.timestamp(deployedAt))
        if isSwagger {
            root.add("swagger", "2.0")
            root.add("info", .object(info))
            root.add("host", host)
            root.add("basePath", "/\(stageName)")
            root.add("schemes", .array([.string("https")]))
        } else {
            root.add("openapi", "3.0.1")
            root.add("info", .object(info))
            var server: [(key: String, value: JSONValue)] = [
                ("url", .string("https://\(host)/{basePath}")),
                ("variables", .object([("basePath", .object([("default", .string(stageName))]))])),
            ]
            if extensions.contains(.api), let endpoint = endpointExtension() {
                server.add("x-amazon-apigateway-endpoint-configuration", endpoint)
            }
            root.add("servers", .array([.object(server)]))
        }
        root.add("paths", .object(paths()))
        let schemes = securitySchemes()
        let schemas = modelSchemas()
        if isSwagger {
            if !schemes.isEmpty { root.add("securityDefinitions", .object(schemes)) }
            if !schemas.isEmpty { root.add("definitions", .object(schemas)) }
        } else {
            var components: [(key: String, value: JSONValue)] = []
            if !schemas.isEmpty { components.add("schemas", .object(schemas)) }
            if !schemes.isEmpty { components.add("securitySchemes", .object(schemes)) }
            if !components.isEmpty { root.add("components", .object(components)) }
        }
        if extensions.contains(.api) { root += apiExtensions() }
        return .object(root)
    }

    /// `2016-06-01T16:40:10Z`, as AWS writes `info.version` and the file name.
    static func timestamp(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    // MARK: - Models

    /// Every stored model, then the built-in ones methods name; `$ref`s back to document pointers.
    func modelSchemas() -> [(key: String, value: JSONValue)] {
        var result: [(key: String, value: JSONValue)] = []
        for model in content.models ?? [] {
            let value = (try? JSONParser.parse(Array((model.schema ?? "{}").utf8))) ?? .object([])
            result.append((model.name, localReferences(value)))
        }
        var named: Set<String> = Set(result.map(\.key))
        for resource in content.resources {
            for method in (resource.resourceMethods ?? [:]).values {
                let used = Array((method.requestModels ?? [:]).values)
                    + (method.methodResponses ?? [:]).values.flatMap { Array(($0.responseModels ?? [:]).values) }
                for name in used.sorted() where !named.contains(name) {
                    guard let text = Self.builtInSchemas[name], let value = try? JSONParser.parse(Array(text.utf8)) else { continue }
                    named.insert(name)
                    result.append((name, value))
                }
            }
        }
        return result
    }

    /// `schema` with model URLs (`https://apigateway.amazonaws.com/restapis/…/models/X`) turned
    /// into `#/components/schemas/X` (or `#/definitions/X`).
    func localReferences(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(let members):
            return .object(members.map { member in
                if member.key == "$ref", let ref = member.value.string, let url = APIGatewayModelURL(ref) {
                    return (member.key, .string(schemaPrefix + url.modelName))
                }
                return (member.key, localReferences(member.value))
            })
        case .array(let items):
            return .array(items.map(localReferences))
        default:
            return schema
        }
    }

    func modelReference(_ name: String) -> JSONValue {
        .object([("$ref", .string(schemaPrefix + name))])
    }
}
