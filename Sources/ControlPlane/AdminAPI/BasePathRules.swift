import Shared

/// AWS's rules for a REST API base path: empty (or absent) is `(none)`; no `/` (multi-level base
/// paths are apigatewayv2 API mappings); otherwise letters, digits and `$-_.+!*'()`.
enum BasePathRules {
    static let allowedPunctuation = Set("$-_.+!*'()".utf8)

    static func stored(_ basePath: String?) throws(AdminError) -> String {
        guard let basePath, !basePath.isEmpty, basePath != BasePathMapping.none else { return BasePathMapping.none }
        guard !basePath.contains("/") else {
            throw .badRequest("API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.")
        }
        guard basePath.utf8.allSatisfy({ allowedPunctuation.contains($0) || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) }) else {
            throw .badRequest("Invalid base path: it may contain only letters, digits and $-_.+!*'()")
        }
        return basePath
    }
}
