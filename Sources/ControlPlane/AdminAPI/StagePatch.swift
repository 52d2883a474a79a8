import Shared

/// Applies one UpdateStage patch operation to a stage, with AWS's paths and messages.
///
/// Paths: `/deploymentId` (must name a deployment of the API), `/description`, `/cacheClusterEnabled`,
/// `/cacheClusterSize`, `/clientCertificateId`, `/tracingEnabled`, `/accessLogSettings[/…]`,
/// `/variables/NAME`, the canary paths (`StagePatch+Canary`), and method settings `/{resourcePath}/{METHOD}/{group}/{leaf}` where the resource
/// path may use `~1` for `/` (`/~1pets~1{id}/GET/throttling/rateLimit`) or plain slashes, and `/*/*/…`
/// sets stage-wide defaults. Settings are stored under `methodSettings["pets/{id}/GET"]` (`"*/*"` for the
/// defaults, `"/GET"` for the root resource). Setting one leaf creates the entry with AWS's defaults.
/// Pure: the only outside fact it needs, whether a deployment exists, is passed in.
enum StagePatch {
    /// The list AWS prints in "Invalid method setting path" errors, with AWS's own punctuation.
    static let validPathsMessage = "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]"

    /// Verbs a method setting can name. AWS rejects `ANY` here (a setting must name a concrete verb).
    static let settingMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD"]
    static let logLevels = ["OFF", "ERROR", "INFO"]
    static let cacheControlStrategies = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"]

    static func apply(_ patch: PatchOperation, to stage: inout Stage, deploymentExists: (String) throws -> Bool) throws {
        let segments = patch.segments
        let optional = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (patch.op, patch.path) {
        case ("replace", "/deploymentId"):
            let id = try patch.requiredValue()
            guard try deploymentExists(id) else { throw AdminError.badRequest("Deployment id does not exist") }
            stage.deploymentId = id
        case ("replace", "/description"):
            stage.description = optional
        case ("replace", "/cacheClusterEnabled"):
            stage.cacheClusterEnabled = try patch.boolValue()
        case ("replace", "/cacheClusterSize"):
            let size = try patch.requiredValue()
            guard AdminAPI.cacheClusterSizes.contains(size) else {
                throw AdminError.badRequest("Invalid cache cluster size specified: \(size)")
            }
            stage.cacheClusterSize = size
        case ("replace", "/clientCertificateId"):
            // A value is checked and set by UpdateStage (it needs the store); here only clearing.
            guard optional == nil else { throw AdminError.badRequest("Invalid client certificate identifier specified") }
            stage.clientCertificateId = nil
        case ("replace", "/tracingEnabled"):
            stage.tracingEnabled = try patch.boolValue()
        case (_, _) where segments.first == "accessLogSettings":
            try applyAccessLog(patch, segments, to: &stage)
        case (_, _) where segments.first == "variables" && segments.count == 2:
            try applyVariable(patch, name: segments[1], to: &stage)
        case (_, _) where segments.first == "canarySettings" || patch.op == "copy":
            try applyCanary(patch, segments, to: &stage, deploymentExists: deploymentExists)
        default:
            try applyMethodSetting(patch, to: &stage)
        }
    }

    // MARK: - Access logs and variables

    private static func applyAccessLog(_ patch: PatchOperation, _ segments: [String], to stage: inout Stage) throws {
        if segments.count == 1 {
            guard patch.op == "remove" else { throw invalidPath(patch) }
            stage.accessLogSettings = nil
            return
        }
        guard segments.count == 2, ["destinationArn", "format"].contains(segments[1]) else {
            throw AdminError.badRequest("Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]")
        }
        var settings = stage.accessLogSettings ?? AccessLogSettings()
        let value: String?
        switch patch.op {
        case "replace":
            guard let text = patch.value, !text.isEmpty else { throw AdminError.badRequest("Access Log value must not be empty") }
            try checkAccessLog(segments[1], text)
            value = text
        case "remove":
            value = nil
        default:
            throw invalidPath(patch)
        }
        if segments[1] == "format" { settings.format = value } else { settings.destinationArn = value }
        stage.accessLogSettings = settings.format == nil && settings.destinationArn == nil ? nil : settings
    }

    /// A format AWS would refuse (several lines, no request id) or a destination a node cannot
    /// write (docs/operations.md, "Access logs") is refused here, the same check the nodes compile with.
    private static func checkAccessLog(_ field: String, _ text: String) throws(AdminError) {
        if field == "format" {
            do { _ = try AccessLogFormat.compile(text) } catch { throw .badRequest(error.message) }
        } else {
            do { _ = try AccessLogDestination.parse(text) } catch { throw .badRequest(error.message) }
        }
    }

    private static func applyVariable(_ patch: PatchOperation, name: String, to stage: inout Stage) throws {
        switch patch.op {
        case "replace", "add":
            let value = try patch.requiredValue()
            try checkVariable(name: name, value: value)
            stage.variables = (stage.variables ?? [:]).merging([name: value]) { $1 }
        case "remove":
            stage.variables?[name] = nil
            if stage.variables?.isEmpty == true { stage.variables = nil }
        default:
            throw invalidPath(patch)
        }
    }

    /// Stage variable names are `[A-Za-z0-9_]+`; values `[A-Za-z0-9-._~:/?#&=,]+`, at most 512 characters.
    static func checkVariable(name: String, value: String) throws(AdminError) {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .badRequest("Stage variable name \(name) must only contain alphanumeric characters and underscores")
        }
        let allowed = Set("-._~:/?#&=,")
        guard !value.isEmpty, value.utf16.count <= 512, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || allowed.contains($0)) }) else {
            throw .badRequest("Stage variable value \(value) must match regular expression: [A-Za-z0-9-._~:/?#&=,]+")
        }
    }

    // MARK: - Method settings

    /// Splits a method-setting path into its settings key and leaf (`nil` leaf = the whole entry).
    /// The resource path is everything before the verb, so it may contain raw slashes or `~1`.
    static func methodSettingTarget(_ path: String) -> (key: String, leaf: String?)? {
        var raw = path.split(separator: "/", omittingEmptySubsequences: false)
        guard raw.first == "" else { return nil }
        raw.removeFirst()
        var leaf: String?
        if raw.count >= 4, ["metrics", "logging", "throttling", "caching"].contains(raw[raw.count - 2]) {
            leaf = raw.suffix(2).joined(separator: "/")
            raw.removeLast(2)
        }
        guard raw.count >= 2, let verb = raw.last else { return nil }
        let resourcePath = raw.dropLast().map { PatchOperation.unescape($0) }.joined(separator: "/")
        if resourcePath == "*" && verb == "*" { return ("*/*", leaf) }
        guard settingMethods.contains(String(verb)), !resourcePath.contains("*") else { return nil }
        let trimmed = resourcePath.hasPrefix("/") ? String(resourcePath.dropFirst()) : resourcePath
        return (trimmed + "/" + verb, leaf)
    }

    private static func applyMethodSetting(_ patch: PatchOperation, to stage: inout Stage) throws {
        guard let target = methodSettingTarget(patch.path) else { throw invalidPath(patch) }
        guard let leaf = target.leaf else {
            guard patch.op == "remove" else { throw invalidPath(patch) }
            guard stage.methodSettings.removeValue(forKey: target.key) != nil else {
                throw AdminError.badRequest("Cannot remove method setting \(target.key) because there is no method setting for this method ")
            }
            return
        }
        guard patch.op == "replace" else { throw invalidPath(patch) }
        var setting = stage.methodSettings[target.key] ?? MethodSetting()
        switch leaf {
        case "metrics/enabled": setting.metricsEnabled = try patch.boolValue()
        case "logging/dataTrace": setting.dataTraceEnabled = try patch.boolValue()
        case "logging/loglevel":
            let level = try patch.requiredValue().uppercased()
            guard logLevels.contains(level) else { throw AdminError.badRequest("Invalid logging level specified: \(patch.value ?? "")") }
            setting.loggingLevel = level
        case "throttling/burstLimit":
            let burst = try patch.intValue()
            guard burst >= 0 else { throw AdminError.badRequest("Invalid burst limit specified: \(burst)") }
            setting.throttlingBurstLimit = burst
        case "throttling/rateLimit":
            let rate = try patch.doubleValue()
            guard rate >= 0 else { throw AdminError.badRequest("Invalid rate limit specified: \(rate)") }
            setting.throttlingRateLimit = rate
        case "caching/ttlInSeconds":
            let ttl = try patch.intValue()
            guard (0...3600).contains(ttl) else { throw AdminError.badRequest("Cache TTL must be between 0 and 3600 seconds") }
            setting.cacheTtlInSeconds = ttl
        case "caching/enabled": setting.cachingEnabled = try patch.boolValue()
        case "caching/dataEncrypted": setting.cacheDataEncrypted = try patch.boolValue()
        case "caching/requireAuthorizationForCacheControl": setting.requireAuthorizationForCacheControl = try patch.boolValue()
        case "caching/unauthorizedCacheControlHeaderStrategy":
            let strategy = try patch.requiredValue()
            guard cacheControlStrategies.contains(strategy) else {
                throw AdminError.badRequest("Invalid unauthorized cache control header strategy specified: \(strategy)")
            }
            setting.unauthorizedCacheControlHeaderStrategy = strategy
        default:
            throw invalidPath(patch)
        }
        stage.methodSettings[target.key] = setting
    }

    private static func invalidPath(_ patch: PatchOperation) -> AdminError {
        .badRequest("Invalid method setting path: \(patch.path). Must be one of: \(validPathsMessage)")
    }
}
