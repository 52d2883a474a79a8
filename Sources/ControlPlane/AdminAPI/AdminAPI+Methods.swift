import Shared

/// Methods (PutMethod, GetMethod, UpdateMethod, DeleteMethod) and method responses
/// (Put/Get/Update/DeleteMethodResponse). The authorizer, request validator and models a method
/// names must exist in its API's definition (AWS's messages otherwise).
extension AdminAPI {
    static let methodHandlers: [String: Handler] = [
        "PutMethod": { try $0.putMethod(&$1, $2) },
        "GetMethod": { api, call, tx in try .json(api.readMethod(call, tx)) },
        "UpdateMethod": { api, call, tx in
            let patches = try call.patchOperations()
            return try .json(api.modifyMethod(call, tx) { method in
                for patch in patches { try applyMethodPatch(patch, to: &method) }
                return method
            })
        },
        "DeleteMethod": { api, call, tx in
            var content = try api.requireApi(call.label("restapi_id"), tx)
            let index = try methodResourceIndex(call, content)
            content.resources[index].resourceMethods?[call.label("http_method")] = nil
            if content.resources[index].resourceMethods?.isEmpty == true { content.resources[index].resourceMethods = nil }
            try tx.updateRestApi(content)
            return .empty
        },
        "PutMethodResponse": { try $0.putMethodResponse(&$1, $2) },
        "GetMethodResponse": { api, call, tx in
            try .json(requireMethodResponse(call.label("status_code"), in: api.readMethod(call, tx)))
        },
        "UpdateMethodResponse": { api, call, tx in
            let patches = try call.patchOperations()
            let status = call.label("status_code")
            return try .json(api.modifyMethod(call, tx) { method in
                var response = try requireMethodResponse(status, in: method)
                for patch in patches { try applyMethodResponsePatch(patch, to: &response) }
                method.methodResponses?[status] = response
                return response
            })
        },
        "DeleteMethodResponse": { api, call, tx in
            let status = call.label("status_code")
            try api.modifyMethod(call, tx) { method in
                _ = try requireMethodResponse(status, in: method)
                method.methodResponses?[status] = nil
                if method.methodResponses?.isEmpty == true { method.methodResponses = nil }
            }
            return .empty
        },
    ]

    static let httpMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"]
    static let authorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]
    /// The models every AWS REST API has; always accepted by name (they are not stored as models).
    static let builtInModels = ["Empty", "Error"]

    /// Body of PutMethod.
    struct PutMethodInput: Decodable {
        var authorizationType: String?
        var authorizerId: String?
        var apiKeyRequired: Bool?
        var operationName: String?
        var requestParameters: [String: Bool]?
        var requestModels: [String: String]?
        var requestValidatorId: String?
        var authorizationScopes: [String]?
    }

    func putMethod(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let verb = call.label("http_method")
        guard Self.httpMethods.contains(verb) else {
            throw AdminError.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
        }
        var content = try requireApi(call.label("restapi_id"), tx)
        guard let index = content.resourceIndex(call.label("resource_id")) else {
            throw AdminError.notFound("Invalid Resource identifier specified")
        }
        let input = try call.input(PutMethodInput.self)
        guard let authorizationType = input.authorizationType else {
            throw AdminError.missing("authorizationType", in: call.operation.name)
        }
        if content.resources[index].resourceMethods?[verb] != nil {
            throw AdminError.conflict("Method already exists for this resource")
        }
        let method = Method(httpMethod: verb, authorizationType: authorizationType, authorizerId: input.authorizerId,
                            apiKeyRequired: input.apiKeyRequired ?? false, requestValidatorId: input.requestValidatorId,
                            operationName: input.operationName, requestParameters: input.requestParameters,
                            requestModels: input.requestModels, authorizationScopes: input.authorizationScopes)
        try Self.checkMethod(method, in: content)
        content.resources[index].resourceMethods = (content.resources[index].resourceMethods ?? [:]).merging([verb: method]) { $1 }
        try tx.updateRestApi(content)
        return try .json(method)
    }

    /// Body of PutMethodResponse.
    struct PutMethodResponseInput: Decodable {
        var responseParameters: [String: Bool]?
        var responseModels: [String: String]?
    }

    func putMethodResponse(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let status = call.label("status_code")
        try Self.checkStatusCode(status)
        let input = try call.input(PutMethodResponseInput.self)
        try Self.checkModels(input.responseModels, in: requireApi(call.label("restapi_id"), tx))
        let response = MethodResponse(statusCode: status, responseParameters: input.responseParameters,
                                      responseModels: input.responseModels)
        try modifyMethod(call, tx) { method in
            method.methodResponses = (method.methodResponses ?? [:]).merging([status: response]) { $1 }
        }
        return try .json(response)
    }

    // MARK: - Locating methods

    /// The index of the call's resource, after checking that it has the call's method.
    static func methodResourceIndex(_ call: AdminCall, _ content: DeploymentContent) throws(AdminError) -> Int {
        guard let index = content.resourceIndex(call.label("resource_id")) else {
            throw .notFound("Invalid Resource identifier specified")
        }
        guard content.resources[index].resourceMethods?[call.label("http_method")] != nil else {
            throw .notFound("Invalid Method identifier specified")
        }
        return index
    }

    /// The call's method (`restapi_id`, `resource_id`, `http_method` labels), or the right 404.
    func readMethod(_ call: AdminCall, _ tx: ConfigTransaction) throws -> Method {
        let content = try requireApi(call.label("restapi_id"), tx)
        let index = try Self.methodResourceIndex(call, content)
        return content.resources[index].resourceMethods![call.label("http_method")]!
    }

    /// Loads the call's method, lets `body` change it, checks it and saves the API definition.
    @discardableResult
    func modifyMethod<T>(_ call: AdminCall, _ tx: ConfigTransaction, _ body: (inout Method) throws -> T) throws -> T {
        var content = try requireApi(call.label("restapi_id"), tx)
        let index = try Self.methodResourceIndex(call, content)
        let verb = call.label("http_method")
        var method = content.resources[index].resourceMethods![verb]!
        let result = try body(&method)
        try Self.checkMethod(method, in: content)
        content.resources[index].resourceMethods![verb] = method
        try tx.updateRestApi(content)
        return result
    }

    static func requireMethodResponse(_ status: String, in method: Method) throws(AdminError) -> MethodResponse {
        guard let response = method.methodResponses?[status] else { throw .notFound("Invalid Response status code specified") }
        return response
    }

    // MARK: - Validation

    /// What AWS checks on a method after PutMethod or UpdateMethod.
    /// `content` is the method's API: its authorizers, request validators and models.
    static func checkMethod(_ method: Method, in content: DeploymentContent) throws(AdminError) {
        guard authorizationTypes.contains(method.authorizationType) else {
            throw .badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS")
        }
        if method.authorizationType == "CUSTOM" || method.authorizationType == "COGNITO_USER_POOLS" {
            // CUSTOM needs a Lambda authorizer (TOKEN or REQUEST), COGNITO_USER_POOLS a Cognito one.
            let wanted: Set<String> = method.authorizationType == "CUSTOM" ? ["TOKEN", "REQUEST"] : ["COGNITO_USER_POOLS"]
            let authorizer = method.authorizerId.flatMap { id in content.authorizers?.first { $0.id == id } }
            guard let authorizer, wanted.contains(authorizer.type) else {
                throw .badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.")
            }
        }
        if let validator = method.requestValidatorId, !validator.isEmpty,
           content.requestValidators?.contains(where: { $0.id == validator }) != true {
            throw .badRequest("Invalid Request Validator identifier specified")
        }
        try checkModels(method.requestModels, in: content)
        for response in (method.methodResponses ?? [:]).values { try checkModels(response.responseModels, in: content) }
        var locationsByName: [String: Set<String>] = [:]
        for key in (method.requestParameters ?? [:]).keys.sorted() {
            let parts = key.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == "method", parts[1] == "request", !parts[3].isEmpty,
                  let location = requestParameterLocations[String(parts[2])] else {
                throw .badRequest("Invalid method request parameter specified: \(key)")
            }
            locationsByName[String(parts[3]), default: []].insert(location)
        }
        if locationsByName.values.contains(where: { $0.count > 1 }) {
            throw .badRequest("Parameter names must be unique across querystring, header and path")
        }
    }

    /// Where a `method.request.LOCATION.NAME` parameter comes from (multi-value forms share their location).
    static let requestParameterLocations = [
        "querystring": "querystring", "multivaluequerystring": "querystring",
        "header": "header", "multivalueheader": "header", "path": "path",
    ]

    /// Each model name must be a built-in one or a model of `content`.
    static func checkModels(_ models: [String: String]?, in content: DeploymentContent) throws(AdminError) {
        for model in (models ?? [:]).values.sorted() where !builtInModels.contains(model) {
            guard content.models?.contains(where: { $0.name == model }) == true else {
                throw .badRequest("Invalid model identifier specified: \(model)")
            }
        }
    }

    static func checkStatusCode(_ status: String) throws(AdminError) {
        guard status.count == 3, let code = Int(status), (100...599).contains(code) else {
            throw .badRequest("Invalid status code specified: \(status)")
        }
    }

    // MARK: - Patches

    static func applyMethodPatch(_ patch: PatchOperation, to method: inout Method) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "authorizationType", 1): method.authorizationType = try patch.requiredValue()
        case ("replace", "authorizerId", 1): method.authorizerId = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("replace", "apiKeyRequired", 1): method.apiKeyRequired = try patch.boolValue()
        case ("replace", "requestValidatorId", 1): method.requestValidatorId = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("replace", "operationName", 1): method.operationName = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case (_, "requestParameters", 2):
            try patch.apply(to: &method.requestParameters, key: segments[1]) { try patch.value == nil ? false : patch.boolValue() }
        case (_, "requestModels", 2):
            try patch.apply(to: &method.requestModels, key: segments[1]) { try patch.requiredValue() }
        case ("add", "authorizationScopes", 1):
            method.authorizationScopes = (method.authorizationScopes ?? []) + [try patch.requiredValue()]
        case ("remove", "authorizationScopes", 1):
            let scope = try patch.requiredValue()
            method.authorizationScopes = method.authorizationScopes?.filter { $0 != scope }
            if method.authorizationScopes?.isEmpty == true { method.authorizationScopes = nil }
        default:
            throw patch.unknownPath
        }
    }

    static func applyMethodResponsePatch(_ patch: PatchOperation, to response: inout MethodResponse) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case (_, "responseParameters", 2):
            try patch.apply(to: &response.responseParameters, key: segments[1]) { try patch.value == nil ? false : patch.boolValue() }
        case (_, "responseModels", 2):
            try patch.apply(to: &response.responseModels, key: segments[1]) { try patch.requiredValue() }
        default:
            throw patch.unknownPath
        }
    }
}
