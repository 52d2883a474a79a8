import Shared

/// Gateway responses (Put/Get/GetGatewayResponses/Update/Delete) for every type AWS has, with its
/// defaults (`GatewayResponse.defaultResponse(for:)`) for the types never put. Only put responses
/// are stored in the definition; the data plane sends the built-in responses, so a deployment
/// carrying one that differs from its default is refused by the shared compiler.
extension AdminAPI {
    static let gatewayResponseHandlers: [String: Handler] = [
        "PutGatewayResponse": { try $0.putGatewayResponse(&$1, $2) },
        "GetGatewayResponse": { api, call, tx in
            let content = try restApis.require(api, call, tx)
            let type = try gatewayResponseType(call)
            return try .json(content.gatewayResponses?.first { $0.responseType == type } ?? GatewayResponse.defaultResponse(for: type)!)
        },
        "GetGatewayResponses": { api, call, tx in
            let content = try restApis.require(api, call, tx)
            return try .json(call.page(GatewayResponse.defaultStatusCodes.map { entry in
                content.gatewayResponses?.first { $0.responseType == entry.type } ?? GatewayResponse.defaultResponse(for: entry.type)!
            }))
        },
        "UpdateGatewayResponse": { api, call, tx in
            var content = try restApis.require(api, call, tx)
            let type = try gatewayResponseType(call)
            let stored = content.gatewayResponses?.firstIndex { $0.responseType == type }
            var response = stored.map { content.gatewayResponses![$0] } ?? GatewayResponse.defaultResponse(for: type)!
            response.defaultResponse = false
            try call.applyPatches(to: &response) { patch, response in try applyGatewayResponsePatch(patch, to: &response) }
            try checkGatewayResponse(response)
            if let stored { content.gatewayResponses![stored] = response } else {
                content.gatewayResponses = (content.gatewayResponses ?? []) + [response]
            }
            try tx.updateRestApi(content)
            return try .json(response)
        },
        "DeleteGatewayResponse": { api, call, tx in
            var content = try restApis.require(api, call, tx)
            let type = try gatewayResponseType(call)
            guard let index = content.gatewayResponses?.firstIndex(where: { $0.responseType == type }) else {
                throw AdminError.notFound("Gateway response type not defined on api")
            }
            content.gatewayResponses!.remove(at: index)
            if content.gatewayResponses!.isEmpty { content.gatewayResponses = nil }
            try tx.updateRestApi(content)
            return .empty
        },
    ]

    /// The call's `response_type`, or AWS's ValidationException for a type outside the enum.
    static func gatewayResponseType(_ call: AdminCall) throws(AdminError) -> String {
        let type = call.label("response_type")
        guard GatewayResponse.defaultResponse(for: type) != nil else {
            let allowed = GatewayResponse.defaultStatusCodes.map(\.type).sorted()
            throw .validation("1 validation error detected: Value '\(type)' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
        return type
    }

    /// Body of PutGatewayResponse.
    struct PutGatewayResponseInput: Decodable {
        var statusCode: String?
        var responseParameters: [String: String]?
        var responseTemplates: [String: String]?
    }

    func putGatewayResponse(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        var content = try Self.restApis.require(self, call, tx)
        let type = try Self.gatewayResponseType(call)
        let input = try call.input(PutGatewayResponseInput.self)
        let response = GatewayResponse(responseType: type, statusCode: input.statusCode, responseParameters: input.responseParameters,
                                       responseTemplates: input.responseTemplates, defaultResponse: false)
        try Self.checkGatewayResponse(response)
        var list = content.gatewayResponses ?? []
        if let index = list.firstIndex(where: { $0.responseType == type }) { list[index] = response } else { list.append(response) }
        content.gatewayResponses = list
        try tx.updateRestApi(content)
        call.targets.append(type)
        return try .json(response)
    }

    /// What AWS checks on a put or patched gateway response: a 3-digit status, non-empty template
    /// values, and parameters that map `gatewayresponse.{header|path|querystring}.NAME` from a
    /// static value, a request parameter, a stage variable or a context variable.
    static func checkGatewayResponse(_ response: GatewayResponse) throws(AdminError) {
        if let status = response.statusCode { try checkStatusCode(status) }
        for (_, template) in (response.responseTemplates ?? [:]) where template.isEmpty {
            throw .badRequest("Invalid null or empty value in responseTemplates")
        }
        for (key, value) in (response.responseParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "gatewayresponse", ["header", "path", "querystring"].contains(parts[1]), !parts[2].isEmpty else {
                throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: \(key)]")
            }
            let isStatic = value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'")
            let sources = ["method.request.header.", "method.request.path.", "method.request.querystring.", "stageVariables.", "context."]
            guard isStatic || sources.contains(where: { value.hasPrefix($0) && value.count > $0.count }) else {
                throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(value)]")
            }
        }
    }

    /// UpdateGatewayResponse's paths: replace `/statusCode`; add/replace/remove
    /// `/responseParameters/{name}` and `/responseTemplates/{contentType}` (replace needs an existing key).
    static func applyGatewayResponsePatch(_ patch: PatchOperation, to response: inout GatewayResponse) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "statusCode", 1):
            response.statusCode = try patch.requiredValue()
        case (let op, "responseParameters", 2) where ["add", "replace", "remove"].contains(op):
            if op == "replace", response.responseParameters?[segments[1]] == nil { throw AdminError.notFound("Invalid parameter name specified") }
            if op != "remove", patch.value?.isEmpty != false { throw AdminError.badRequest("Invalid null or empty value in responseParameters") }
            try patch.apply(to: &response.responseParameters, key: segments[1]) { try patch.requiredValue() }
        case (let op, "responseTemplates", 2) where ["add", "replace", "remove"].contains(op):
            if op == "replace", response.responseTemplates?[segments[1]] == nil { throw AdminError.notFound("Invalid parameter name specified") }
            if op != "remove", patch.value?.isEmpty != false { throw AdminError.badRequest("Invalid null or empty value in responseTemplates") }
            try patch.apply(to: &response.responseTemplates, key: segments[1]) { try patch.requiredValue() }
        default:
            throw patch.unknownPath
        }
    }
}
