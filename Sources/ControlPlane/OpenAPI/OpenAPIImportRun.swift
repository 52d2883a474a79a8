import Shared

/// ImportRestApi's work without the store, for `bench/openapi.sh`: read the bytes (JSON or YAML),
/// import, and place the definition in a new API, exactly as the handler does before its one write.
package enum OpenAPIImportRun {
    /// The placed definition's resource and method counts, or the import's AWS-style message.
    package static func run(_ bytes: [UInt8]) -> Result<(resources: Int, methods: Int), OpenAPIRunFailure> {
        do {
            let options = OpenAPIImportOptions()
            let document = try OpenAPIImporter.read(bytes)
            let definition = try OpenAPIImporter.definition(of: document, restApiId: "benchmark1", options: options)
            let content = try definition.applied(to: nil, apiId: "benchmark1", now: 0, options: options)
            return .success((content.resources.count, content.resources.reduce(0) { $0 + ($1.resourceMethods?.count ?? 0) }))
        } catch {
            return .failure(OpenAPIRunFailure(message: error.message))
        }
    }
}
