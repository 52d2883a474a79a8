import Shared

/// apigatewayv2 stages: CreateStage, GetStage, GetStages, UpdateStage, DeleteStage,
/// DeleteRouteSettings. A stage with `autoDeploy` is deployed when it is made (or switched on) and on
/// every later change to the API's routes, integrations or authorizers.
extension AdminAPI {
    static let v2StageHandlers: [String: Handler] = [
        "CreateStage": { try $0.createV2Stage(&$1, $2) },
        "GetStage": { api, call, tx in
            let document = try api.v2Document(call, tx)
            return try .json(document.stages[AdminAPI.v2StageIndex(document, call)])
        },
        "GetStages": { api, call, tx in try .json(call.v2Page(api.v2Document(call, tx).stages)) },
        "UpdateStage": { try $0.updateV2Stage(&$1, $2) },
        "DeleteStage": { api, call, tx in
            var document = try api.v2Document(call, tx)
            document.stages.remove(at: try AdminAPI.v2StageIndex(document, call))
            try api.v2Save(&document, call, tx, configurationChanged: false)
            return .empty
        },
        "DeleteRouteSettings": { api, call, tx in
            var document = try api.v2Document(call, tx)
            let index = try AdminAPI.v2StageIndex(document, call)
            let key = call.label("routeKey")
            guard document.stages[index].routeSettings.removeValue(forKey: key) != nil else {
                throw AdminError.notFound("Invalid route settings specified for route key \(key)")
            }
            document.stages[index].lastUpdatedDate = AdminAPI.iso8601(call.now)
            try api.v2Save(&document, call, tx, configurationChanged: false)
            return .empty
        },
    ]

    /// Body of CreateStage and UpdateStage.
    struct V2StageInput: Decodable {
        var stageName: String?
        var accessLogSettings: V2AccessLogSettings?
        var autoDeploy: Bool?
        var clientCertificateId: String?
        var defaultRouteSettings: V2RouteSettings?
        var deploymentId: String?
        var description: String?
        var routeSettings: [String: V2RouteSettings]?
        var stageVariables: [String: String]?
        var tags: [String: String]?
    }

    /// The index of the call's `stageName` in `document`, or v2's 404.
    static func v2StageIndex(_ document: V2ApiDocument, _ call: AdminCall) throws -> Int {
        guard let index = document.stages.firstIndex(where: { $0.stageName == call.label("stageName") }) else {
            throw AdminError.notFound("Invalid stage identifier specified")
        }
        return index
    }

    func createV2Stage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2StageInput.self)
        var document = try v2Document(call, tx)
        guard let name = input.stageName else { throw AdminAPI.v2Missing("stageName") }
        guard name == "$default" || (1...128).contains(name.count) && name.allSatisfy(AdminAPI.isStageNameCharacter) else {
            throw AdminError.badRequest("Invalid stage name: \(name). Stage names are $default or 1 to 128 of [A-Za-z0-9_-]")
        }
        guard !document.stages.contains(where: { $0.stageName == name }) else {
            throw AdminError.conflict("Stage \(name) already exists")
        }
        let now = AdminAPI.iso8601(call.now)
        var stage = V2Stage(stageName: name, autoDeploy: false, createdDate: now,
                            defaultRouteSettings: V2Stage.defaultRouteSettings(isHTTP: document.api.isHTTP),
                            lastUpdatedDate: now, routeSettings: [:], tags: try TagRules.checked(input.tags ?? [:]) ?? [:])
        try AdminAPI.merge(input, into: &stage, document)
        document.stages.append(stage)
        if stage.autoDeploy { v2AutoDeploy(&document, call) }
        try v2Save(&document, call, tx, configurationChanged: false)
        call.targets.append(name)
        return try .json(document.stages.last)
    }

    func updateV2Stage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(V2StageInput.self)
        var document = try v2Document(call, tx)
        let index = try AdminAPI.v2StageIndex(document, call)
        if input.stageName != nil { throw AdminError.badRequest("A stage cannot be renamed") }
        if input.tags != nil { throw AdminError.badRequest("Invalid input: tags cannot be updated by UpdateStage; use TagResource") }
        var stage = document.stages[index]
        let wasAutoDeploy = stage.autoDeploy
        try AdminAPI.merge(input, into: &stage, document)
        stage.lastUpdatedDate = AdminAPI.iso8601(call.now)
        document.stages[index] = stage
        if stage.autoDeploy && !wasAutoDeploy { v2AutoDeploy(&document, call) }
        try v2Save(&document, call, tx, configurationChanged: false)
        return try .json(document.stages[index])
    }

    private static func isStageNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    /// Applies CreateStage's and UpdateStage's shared members, refusing what the API's protocol does
    /// not support or the data plane will not enforce.
    private static func merge(_ input: V2StageInput, into stage: inout V2Stage, _ document: V2ApiDocument) throws {
        let isHTTP = document.api.isHTTP
        if input.clientCertificateId != nil {
            throw AdminError.badRequest("clientCertificateId is not supported for HTTP or WebSocket API stages in Tollgate")
        }
        if let value = input.autoDeploy { stage.autoDeploy = value }
        if let value = input.description {
            guard value.count <= 1_024 else { throw AdminError.badRequest("Invalid description: must be at most 1024 characters long") }
            stage.description = value
        }
        if let id = input.deploymentId {
            guard document.deployments.contains(where: { $0.deploymentId == id }) else {
                throw AdminError.notFound("Invalid Deployment identifier specified \(id)")
            }
            stage.deploymentId = id
        }
        if let settings = input.accessLogSettings {
            guard let arn = settings.destinationArn, arn.hasPrefix("arn:aws:logs:") || arn.hasPrefix("arn:aws:firehose:") else {
                throw AdminError.badRequest("Invalid accessLogSettings: destinationArn must be a CloudWatch Logs log group or Firehose ARN")
            }
            guard let format = settings.format, !format.isEmpty, format.contains("$context.requestId") || format.contains("$context.extendedRequestId") else {
                throw AdminError.badRequest("Invalid accessLogSettings: format must contain $context.requestId or $context.extendedRequestId")
            }
            stage.accessLogSettings = V2AccessLogSettings(destinationArn: arn, format: format)
        }
        if let settings = input.defaultRouteSettings {
            stage.defaultRouteSettings = try checkedRouteSettings(settings, isHTTP: isHTTP)
        }
        if let settings = input.routeSettings {
            var checked: [String: V2RouteSettings] = [:]
            for (key, value) in settings {
                guard document.routes.contains(where: { $0.routeKey == key }) else {
                    throw AdminError.notFound("Unable to find Route by key \(key) within the provided RouteSettings")
                }
                checked[key] = try checkedRouteSettings(value, isHTTP: isHTTP)
            }
            stage.routeSettings.merge(checked) { _, new in new }
        }
        if let variables = input.stageVariables {
            for (name, value) in variables {
                guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw AdminError.badRequest("Invalid stage variable name: \(name). Names are 1 to 64 of [A-Za-z0-9_]")
                }
                guard (1...2_048).contains(value.count),
                      value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~:/?#&=,".contains($0)) }) else {
                    throw AdminError.badRequest("Invalid stage variable value for \(name): values are 1 to 2048 of [A-Za-z0-9-._~:/?#&=,]")
                }
            }
            stage.stageVariables = variables
        }
    }

    /// `settings` when valid: throttling limits not negative (burst ≤ 5000 as AWS's account
    /// default), logging and data trace only for WebSocket APIs, loggingLevel ERROR | INFO | OFF.
    static func checkedRouteSettings(_ settings: V2RouteSettings, isHTTP: Bool) throws(AdminError) -> V2RouteSettings {
        if isHTTP, settings.loggingLevel != nil || settings.dataTraceEnabled != nil {
            throw .badRequest("loggingLevel and dataTraceEnabled are supported only for WebSocket APIs")
        }
        if let level = settings.loggingLevel, !["ERROR", "INFO", "OFF"].contains(level) {
            throw .badRequest("Invalid loggingLevel: \(level). Must be one of [ERROR, INFO, OFF]")
        }
        if let burst = settings.throttlingBurstLimit, !(0...5_000).contains(burst) {
            throw .badRequest("Invalid throttlingBurstLimit: \(burst). Must be between 0 and 5000")
        }
        if let rate = settings.throttlingRateLimit, !(rate >= 0 && rate <= 10_000) {
            throw .badRequest("Invalid throttlingRateLimit: \(rate). Must be between 0 and 10000")
        }
        return settings
    }
}
