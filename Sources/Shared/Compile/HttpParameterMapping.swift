/// An HTTP API integration's `requestParameters` and `responseParameters`, compiled once per
/// snapshot (AWS developer guide, "Transform API requests and responses for HTTP APIs"): what the
/// data plane's mapping filter applies, in key order. Shared by both planes: the control plane
/// runs `compile` to refuse a mapping (400) before it is saved, nodes to build the filter.
///
/// Request keys: `append|overwrite|remove:header.{name}`, `append|overwrite|remove:querystring.{name}`,
/// `overwrite:path`. Response keys (per status code 200–599 of the integration's answer):
/// `append|overwrite|remove:header.{name}`, `overwrite:statuscode`. Values: `HttpMappingValue`.
/// AWS's reserved headers cannot be mapped either way (`isReserved`). Pure.
package struct HttpParameterMapping: Sendable, Equatable {
    package enum Action: String, Sendable, Equatable {
        case append, overwrite, remove
    }

    package enum Target: Sendable, Equatable {
        case header(String)
        case querystring(String)
        case path
        case statusCode
    }

    package struct Operation: Sendable, Equatable {
        package let action: Action
        package let target: Target
        package let value: HttpMappingValue

        package init(action: Action, target: Target, value: HttpMappingValue) {
            self.action = action
            self.target = target
            self.value = value
        }
    }

    /// Applied to the client's request before the integration, sorted by key.
    package let request: [Operation]
    /// By the integration's status code, each list sorted by key.
    package let responses: [Int: [Operation]]

    package init(request: [Operation], responses: [Int: [Operation]]) {
        self.request = request
        self.responses = responses
    }

    package var isEmpty: Bool { request.isEmpty && responses.isEmpty }

    /// Compiles an integration's maps (empty values are not mappings: the admin API drops them).
    package static func compile(request: [String: String]?, response: [String: [String: String]]?) throws(HttpMappingError) -> HttpParameterMapping {
        var requestOperations: [Operation] = []
        for (key, value) in (request ?? [:]).sorted(by: { $0.key < $1.key }) where !value.isEmpty {
            requestOperations.append(try operation(key, value, side: .request))
        }
        var responses: [Int: [Operation]] = [:]
        for (status, mappings) in response ?? [:] {
            guard let code = Int(status), (200...599).contains(code) else {
                throw HttpMappingError("Invalid status code in responseParameters: \(status)")
            }
            var operations: [Operation] = []
            for (key, value) in mappings.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
                operations.append(try operation(key, value, side: .response))
            }
            if !operations.isEmpty { responses[code] = operations }
        }
        return HttpParameterMapping(request: requestOperations, responses: responses)
    }

    static func operation(_ key: String, _ value: String, side: HttpMappingValue.Side) throws(HttpMappingError) -> Operation {
        let invalid = HttpMappingError("Invalid mapping expression specified: \(key)")
        guard let colon = key.firstIndex(of: ":"), let action = Action(rawValue: String(key[..<colon])) else { throw invalid }
        let location = key[key.index(after: colon)...]
        let target: Target
        if location == "path" {
            guard side == .request, action == .overwrite else { throw invalid }
            target = .path
        } else if location == "statuscode" {
            guard side == .response, action == .overwrite else { throw invalid }
            target = .statusCode
        } else if location.hasPrefix("header.") {
            let name = String(location.dropFirst("header.".count))
            guard !name.isEmpty, HTTPSyntax.isToken(name) else { throw invalid }
            guard !isReserved(name) else {
                throw HttpMappingError("Invalid mapping expression specified: \(key). The header \(name) is reserved and cannot be mapped")
            }
            target = .header(name)
        } else if location.hasPrefix("querystring."), side == .request {
            let name = String(location.dropFirst("querystring.".count))
            guard !name.isEmpty, !name.utf8.contains(where: { $0 < 0x21 || $0 > 0x7E }) else { throw invalid }
            target = .querystring(name)
        } else {
            throw invalid
        }
        let compiled = try HttpMappingValue.compile(value, side: side)
        if target == .statusCode, let text = compiled.staticText {
            guard let code = Int(text), (100...599).contains(code) else {
                throw HttpMappingError("Invalid status code specified for overwrite:statuscode: \(text)")
            }
        }
        return Operation(action: action, target: target, value: compiled)
    }

    /// AWS's reserved headers, which no mapping may touch: `access-control-*`, `apigw-*`,
    /// `x-amz-*`, `x-amzn-*` and the names of `reservedNames` (case-insensitive).
    package static func isReserved(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["access-control-", "apigw-", "x-amz-", "x-amzn-"].contains(where: lower.hasPrefix) || reservedNames.contains(lower)
    }

    static let reservedNames: Set<String> = [
        "authorization", "connection", "content-encoding", "content-length", "content-location", "forwarded", "keep-alive",
        "origin", "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade",
        "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via",
    ]
}
