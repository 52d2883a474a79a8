import Shared

/// CORS of an HTTP API with `corsConfiguration` (AWS developer guide, "Configuring CORS for an HTTP
/// API"): preflights are answered by the gateway, before stage and route selection, whether or not
/// an `OPTIONS` route exists; every other answer to an allowed origin gets the configured headers
/// in place of any `Access-Control-*` header the integration sent. Pure.
enum HttpApiCors {
    /// The gateway's answer to a preflight (`OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`): 204 with the configured headers when the origin is
    /// allowed, 204 without them when it is not (the browser then refuses); nil for any other request.
    static func preflight(_ request: HTTPRequest, cors: CompiledHttpCors) -> HTTPResponse? {
        guard request.method == .OPTIONS, let origin = request.headers["Origin"],
              request.headers["Access-Control-Request-Method"] != nil else { return nil }
        var headers = HTTPHeaders()
        if let allowed = cors.allowedOrigin(origin) {
            headers.add("Access-Control-Allow-Origin", allowed)
            if cors.allowCredentials { headers.add("Access-Control-Allow-Credentials", "true") }
            if let methods = cors.allowMethods { headers.add("Access-Control-Allow-Methods", methods) }
            if let allowHeaders = cors.allowHeaders { headers.add("Access-Control-Allow-Headers", allowHeaders) }
            if let maxAge = cors.maxAge { headers.add("Access-Control-Max-Age", String(maxAge)) }
            if allowed != "*" { headers.add("Vary", "Origin") }
        }
        return HTTPResponse(status: 204, headers: headers, body: [])
    }

    /// `response` with the integration's `Access-Control-*` headers replaced by the configured ones
    /// for a request from `origin` (none when the origin is absent or not allowed).
    static func decorate(_ response: HTTPResponse, origin: String?, cors: CompiledHttpCors) -> HTTPResponse {
        var headers = HTTPHeaders()
        for field in response.headers.fields where !field.name.lowercased().hasPrefix("access-control-") {
            headers.add(field.name, field.value)
        }
        if let origin, let allowed = cors.allowedOrigin(origin) {
            headers.add("Access-Control-Allow-Origin", allowed)
            if cors.allowCredentials { headers.add("Access-Control-Allow-Credentials", "true") }
            if let expose = cors.exposeHeaders { headers.add("Access-Control-Expose-Headers", expose) }
            if allowed != "*" { headers.add("Vary", "Origin") }
        }
        var response = response
        response.headers = headers
        return response
    }
}
