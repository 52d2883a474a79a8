import Shared

/// Which headers Amazon API Gateway drops, adds and remaps between client, integration and back
/// (reference §2.6). Pure functions over `HTTPHeaders`; names compare ASCII-case-insensitively.
package enum HeaderPolicy {
    /// Never forwarded to any integration (nor visible to mappings or the Lambda event).
    package static let droppedFromRequest = [
        "Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards", "Proxy-Authenticate", "Server", "TE",
        "Transfer-Encoding", "Trailer", "Upgrade", "WWW-Authenticate",
        // Hop-by-hop by RFC 9110 §7.6.1 as well.
        "Keep-Alive", "Proxy-Connection",
    ]

    /// Integration response headers renamed to `x-amzn-Remapped-{name}` for every integration type.
    package static let remappedCommon = ["Connection", "Content-Length", "Date", "Server", "x-amzn-RequestId"]

    /// Additionally remapped for HTTP (non-proxy) integrations.
    package static let remappedNonProxy = [
        "Authorization", "Content-MD5", "Expect", "Host", "Max-Forwards", "Proxy-Authenticate", "Trailer", "Upgrade",
        "User-Agent", "WWW-Authenticate",
    ]

    /// The same three lists as sets, for the per-request checks.
    package static let droppedFromRequestSet = HeaderNameSet(droppedFromRequest)
    static let remappedCommonSet = HeaderNameSet(remappedCommon)
    static let remappedNonProxySet = HeaderNameSet(remappedNonProxy)
    /// `x-amzn-Remapped-{name}` for the two remapped lists, position for position: built once, not
    /// interpolated per remapped field (`methodResponseHeaders` 2,671 -> 1,556 instructions a proxied
    /// request, bench/instructions.sh, issue 11).
    static let remappedCommonNames = remappedCommon.map { "x-amzn-Remapped-" + $0 }
    static let remappedNonProxyNames = remappedNonProxy.map { "x-amzn-Remapped-" + $0 }

    /// True when `name` is in `list` (case-insensitive).
    package static func contains(_ list: [String], _ name: String) -> Bool {
        list.contains { HTTPHeaders.equalsIgnoringCase($0, name) }
    }

    /// The client's headers minus everything that never reaches an integration: the fixed list,
    /// headers named in `Connection`, and a SigV4 `Authorization`.
    package static func forwardableRequestHeaders(_ headers: HTTPHeaders) -> HTTPHeaders {
        let connectionTokens = self.connectionTokens(headers)
        var out = HTTPHeaders()
        for field in headers where isForwardable(field, connectionTokens: connectionTokens) {
            out.add(field.name, field.value)
        }
        return out
    }

    /// The header names listed in `Connection` (hop-by-hop for this message), usually none.
    package static func connectionTokens(_ headers: HTTPHeaders) -> [String] {
        headers.values("Connection").flatMap { $0.split(separator: ",") }
            .map { String($0.trimmingASCIIWhitespace()) }.filter { !$0.isEmpty }
    }

    /// Whether one client header may reach an integration (see `forwardableRequestHeaders`).
    package static func isForwardable(_ field: (name: String, value: String), connectionTokens: [String]) -> Bool {
        if droppedFromRequestSet.contains(field.name) { return false }
        if !connectionTokens.isEmpty, contains(connectionTokens, field.name) { return false }
        return !isSigV4Authorization(field)
    }

    /// An `Authorization` header carrying a SigV4 signature: AWS consumes it and never exposes it to
    /// an integration or a mapping ("the Authorization header can only be forwarded for methods that
    /// do not require AWS authentication"; reference §2.6: dropped when it carries a SigV4 signature).
    package static func isSigV4Authorization(_ field: (name: String, value: String)) -> Bool {
        HTTPHeaders.equalsIgnoringCase(field.name, "Authorization") && field.value.hasPrefix("AWS4-HMAC-SHA256 ")
    }

    /// Whether one client header may reach an HTTP or HTTP_PROXY backend: `isForwardable`, and its
    /// name has no `_`. CGI-style upstreams (and frameworks that mimic them) turn `-` and `_` alike
    /// into `_` (`HTTP_TRANSFER_ENCODING`), so `Transfer_Encoding` or `Content_Length` would pass our
    /// drop list yet be read as the real thing; nginx (`underscores_in_headers off`) and Envoy
    /// (`headers_with_underscores_action`) drop such headers for the same reason. Lambda events keep
    /// them: AWS passes every header to a function, and a JSON event has no CGI mangling.
    package static func isForwardableToHTTPBackend(_ field: (name: String, value: String), connectionTokens: [String]) -> Bool {
        !field.name.utf8.contains(UInt8(ascii: "_")) && isForwardable(field, connectionTokens: connectionTokens)
    }

    /// Renames and drops integration response headers the way AWS does for `kind`. Transfer-Encoding
    /// is always dropped (framing is ours); HTTP_PROXY also drops `Via`. `Content-Encoding` is kept,
    /// because Tollgate passes bodies through byte for byte (AWS decompresses and drops it).
    package static func methodResponseHeaders(_ headers: HTTPHeaders, kind: CompiledIntegration.Kind) -> HTTPHeaders {
        var out = HTTPHeaders()
        for field in headers {
            if HTTPHeaders.equalsIgnoringCase(field.name, "Transfer-Encoding") { continue }
            if kind == .httpProxy, HTTPHeaders.equalsIgnoringCase(field.name, "Via") { continue }
            if let remapped = remappedName(field.name, kind: kind) {
                out.add(remapped, field.value)
            } else {
                out.add(field.name, field.value)
            }
        }
        return out
    }

    /// `x-amzn-Remapped-{canonical name}` when `name` is remapped for `kind`, else nil.
    private static func remappedName(_ name: String, kind: CompiledIntegration.Kind) -> String? {
        if let index = remappedCommonSet.index(of: name) { return remappedCommonNames[index] }
        if kind == .http || kind == .mock, let index = remappedNonProxySet.index(of: name) { return remappedNonProxyNames[index] }
        return nil
    }
}
