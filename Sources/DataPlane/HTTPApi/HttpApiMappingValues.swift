import Shared

/// The value of one compiled HTTP API mapping (`HttpMappingValue`) for one request, and for the
/// integration's answer on the response side. Pure; runs on the request's loop.
///
/// Request headers and query parameters with several values are joined by `,` (AWS). An expression
/// naming nothing (an absent header, an unset context variable) adds nothing; a value that comes
/// out empty is not mapped (the operation is skipped). Bodies are parsed at most once per side.
struct HttpApiMappingValues {
    let invocation: Invocation
    let response: HTTPResponse?
    private var requestDocument: JSONValue??
    private var responseDocument: JSONValue??

    init(_ invocation: Invocation, response: HTTPResponse? = nil) {
        self.invocation = invocation
        self.response = response
    }

    /// `value` for this request (and answer); nil when it comes out empty.
    mutating func text(_ value: HttpMappingValue) -> String? {
        var text = ""
        for piece in value.pieces {
            if let part = resolve(piece) { text += part }
        }
        return text.isEmpty ? nil : text
    }

    private mutating func resolve(_ piece: HttpMappingValue.Piece) -> String? {
        let request = invocation.request
        switch piece {
        case .text(let text): return text
        case .requestHeader(let name): return joined(request.headers.values(name))
        case .requestQuery(let name): return joined(invocation.query.all(name))
        case .requestBody(nil): return String(decoding: request.body, as: UTF8.self)
        case .requestBody(let path?):
            if requestDocument == nil { requestDocument = .some(try? JSONParser.parse(request.body)) }
            return (requestDocument ?? nil).flatMap { BodyPathValue.text(path, in: $0) }
        case .requestPath: return invocation.path
        case .requestPathParameter(let name): return invocation.pathParameter(name)
        case .responseHeader(let name): return response.flatMap { joined($0.headers.values(name)) }
        case .responseBody(nil): return response.map { String(decoding: $0.body, as: UTF8.self) }
        case .responseBody(let path?):
            guard let response else { return nil }
            if responseDocument == nil { responseDocument = .some(try? JSONParser.parse(response.body)) }
            return (responseDocument ?? nil).flatMap { BodyPathValue.text(path, in: $0) }
        case .context(let name): return Self.context(name, of: invocation)
        case .stageVariable(let name): return invocation.stage.variables[name]
        }
    }

    private func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// `$context.NAME` on an HTTP API: `requestId` is the `apigw-requestid`, `routeKey` the
    /// route's key; the rest as REST's (`Invocation.contextVariable`, `authorizer.X` included).
    static func context(_ name: String, of invocation: Invocation) -> String? {
        switch name {
        case "requestId": return invocation.identifiers.extendedRequestId
        case "routeKey": return invocation.route.httpApi?.routeKey
        case "authorizer.error": return nil
        default: return invocation.contextVariable(name)
        }
    }

    /// Whether `value` can go into a header field (no CR, LF or NUL: never a header injection).
    static func isHeaderSafe(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }
}
