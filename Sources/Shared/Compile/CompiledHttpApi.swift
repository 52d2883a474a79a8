/// A deployed HTTP API (`apigatewayv2`), compiled: its stages by name. Immutable, shared by every
/// event loop through `CompiledSnapshot.httpApis`.
///
/// Stage selection follows AWS (developer guide, "Routing API requests"): a first path segment that
/// names a stage selects it (and is stripped); otherwise the `$default` stage, if any, serves the
/// whole path; otherwise 404 `{"message":"Not Found"}`.
package final class CompiledHttpApi: Sendable {
    package let apiId: String
    /// Every stage but `$default`, by name (case-sensitive).
    package let stages: [String: CompiledStage]
    /// The `$default` stage (no path prefix), nil without one.
    package let defaultStage: CompiledStage?
    /// `disableExecuteApiEndpoint`: the `{apiId}.execute-api` host answers 403 Forbidden.
    package let executeApiEndpointDisabled: Bool
    /// `corsConfiguration`, nil without one.
    package let cors: CompiledHttpCors?

    package init(apiId: String, stages: [String: CompiledStage], defaultStage: CompiledStage?, executeApiEndpointDisabled: Bool,
                 cors: CompiledHttpCors? = nil) {
        self.cors = cors
        self.apiId = apiId
        self.stages = stages
        self.defaultStage = defaultStage
        self.executeApiEndpointDisabled = executeApiEndpointDisabled
    }

    /// Every stage, `$default` included (what chains are built for).
    package var allStages: [CompiledStage] {
        Array(stages.values) + (defaultStage.map { [$0] } ?? [])
    }

    /// The stage serving `path` (the request path, still encoded) and the path left after its
    /// prefix; nil → 404 Not Found.
    package func stage(for path: Substring) -> (CompiledStage, Substring)? {
        let utf8 = path.utf8
        if !stages.isEmpty, utf8.first == UInt8(ascii: "/") {
            let body = utf8[utf8.index(after: utf8.startIndex)...]
            let end = body.firstIndex(of: UInt8(ascii: "/")) ?? body.endIndex
            if let named = stages[String(Substring(body[..<end]))] {
                return (named, Substring(body[end...]))
            }
        }
        return defaultStage.map { ($0, path) }
    }
}
