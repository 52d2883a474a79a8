import Foundation
import Shared

/// AWS's rules for a documentation part's `location` and `properties` (API Gateway developer guide,
/// "Representation of API documentation"), pure: which fields each type takes, which it needs, and
/// the defaults (`path` `/`, `method` and `statusCode` `*`).
enum DocumentationPartRules {
    static let types = ["API", "AUTHORIZER", "MODEL", "RESOURCE", "METHOD", "PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER",
                        "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY"]
    static let methods = ["*", "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD"]

    /// The fields of a location valid for `type`, and whether it needs a `name`.
    static func fields(of type: String) -> (path: Bool, method: Bool, statusCode: Bool, name: Bool) {
        switch type {
        case "API": (false, false, false, false)
        case "AUTHORIZER", "MODEL": (false, false, false, true)
        case "RESOURCE": (true, false, false, false)
        case "METHOD", "REQUEST_BODY": (true, true, false, false)
        case "PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER": (true, true, false, true)
        case "RESPONSE", "RESPONSE_BODY": (true, true, true, false)
        default: (true, true, true, true)  // RESPONSE_HEADER
        }
    }

    /// `location` checked and completed with AWS's defaults, or the 400 naming what is wrong.
    static func location(_ location: DocumentationPartLocation, operation: String) throws(AdminError) -> DocumentationPartLocation {
        guard types.contains(location.type) else {
            throw .notInEnum(location.type, "location.type", in: operation, allowed: types)
        }
        let valid = fields(of: location.type)
        for (field, given, allowed) in [("path", location.path, valid.path), ("method", location.method, valid.method),
                                        ("statusCode", location.statusCode, valid.statusCode),
                                        ("name", location.name, valid.name)] where given != nil && !allowed {
            throw .badRequest("Invalid documentation location: '\(field)' is not a valid field for the \(location.type) type")
        }
        var result = DocumentationPartLocation(type: location.type)
        if valid.path {
            let path = location.path ?? "/"
            guard path.hasPrefix("/") else { throw .badRequest("Invalid documentation location: path must start with '/': \(path)") }
            result.path = path
        }
        if valid.method {
            let method = location.method ?? "*"
            guard methods.contains(method) else { throw .badRequest("Invalid documentation location: invalid method \(method)") }
            result.method = method
        }
        if valid.statusCode {
            let status = location.statusCode ?? "*"
            guard status == "*" || (status.count == 3 && status.allSatisfy(\.isNumber) && ("1"..."5").contains(String(status.prefix(1)))) else {
                throw .badRequest("Invalid documentation location: invalid status code \(status)")
            }
            result.statusCode = status
        }
        if valid.name {
            guard let name = location.name, !name.isEmpty else {
                throw .badRequest("Invalid documentation location: a \(location.type) location needs a name")
            }
            result.name = name
        }
        return result
    }

    /// `properties` when it is a JSON object, as text.
    static func properties(_ text: String) throws(AdminError) -> String {
        guard let data = text.data(using: .utf8),
              (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) is [String: Any] else {
            throw .badRequest("Invalid documentation properties: must be a JSON object")
        }
        return text
    }
}
