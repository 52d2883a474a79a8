/// Why an OpenAPI document was not imported, in AWS's words; the admin API maps every case to a
/// 400 `BadRequestException` (`AdminAPI+OpenAPI`), and nothing of the document is stored.
enum OpenAPIImportError: Error, Equatable, Sendable {
    /// The body is not JSON or YAML, or not an OpenAPI document (a required member is missing).
    case unreadable(String)
    /// `openapi` names a version AWS does not import (only 2.0 via `swagger`, and 3.0.x).
    case unsupportedVersion
    /// A query parameter of the call (`mode`, `basepath`, `endpointConfigurationTypes`, `ignore`).
    case invalidParameter(String)
    /// Problems in the definition that AWS lists one per line.
    case errors([String])
    /// Warnings, refused because the caller set `failonwarnings=true`.
    case warnings([String])

    var message: String {
        switch self {
        case .unreadable(let reason): "Failed to parse the uploaded OpenAPI document due to: \(reason)"
        case .unsupportedVersion: "Only OpenAPI 3.x.x are currently supported"
        case .invalidParameter(let message): message
        case .errors(let lines): "Errors found during import:\n" + lines.map { "\t" + $0 }.joined(separator: "\n")
        case .warnings(let lines): "Warnings found during import:\n" + lines.map { "\t" + $0 }.joined(separator: "\n")
        }
    }
}
