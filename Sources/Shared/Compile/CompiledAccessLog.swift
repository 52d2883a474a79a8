/// A stage's access logging, compiled: the format and where its lines go.
///
/// Built by `SnapshotCompiler` for a stage whose `accessLogSettings` has both a format and a
/// destination (with either missing nothing is delivered, as in AWS, which needs both to log);
/// the data plane's `AccessLogFilterFactory` puts a completion filter on that stage's routes.
package struct CompiledAccessLog: Sendable, Equatable {
    package let format: AccessLogFormat
    package let destination: AccessLogDestination

    package init(format: AccessLogFormat, destination: AccessLogDestination) {
        self.format = format
        self.destination = destination
    }

    /// Nil without settings or with one of the two missing; throws for a format or ARN the admin
    /// API would have refused (a snapshot that carries one is not served: fail closed).
    package static func compile(_ settings: AccessLogSettings?, stageName: String) throws(CompileError) -> CompiledAccessLog? {
        guard let settings, let text = settings.format, let arn = settings.destinationArn else { return nil }
        let format: AccessLogFormat
        do {
            format = try AccessLogFormat.compile(text)
        } catch {
            throw .unsupportedFeature(feature: "accessLogSettings.format", detail: "stage \(stageName): \(error.message)")
        }
        do {
            return CompiledAccessLog(format: format, destination: try AccessLogDestination.parse(arn))
        } catch {
            throw .unsupportedFeature(feature: "accessLogSettings.destinationArn", detail: "stage \(stageName): \(error.message)")
        }
    }
}
