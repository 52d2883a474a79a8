/// Where an AWS service integration (`type: AWS`, not Lambda) sends its request, parsed from
/// `arn:aws:apigateway:{region}:{[subdomain.]service}:action/{Action}[&k=v…]` or
/// `…:{service}:path/{path}` once per snapshot (stage variables already substituted).
///
/// The endpoint itself is node configuration (`--aws-endpoint`, else `https://{service}.{region}.amazonaws.com`),
/// so this holds only what the definition says. Pure and immutable.
package struct AWSServiceTarget: Sendable, Equatable {
    /// How the URI names the call.
    package enum Style: Sendable, Equatable {
        /// `action/{name}`: `/` is requested with `Action={name}` (then `parameters`, the `&k=v…` written
        /// after the name, as written) first in the query, as API Gateway sends it.
        case action(name: String, parameters: String?)
        /// `path/{path}`: the path as given (`{name}` placeholders filled from `integration.request.path.*`,
        /// as for HTTP integrations), and a query written after `?`.
        case path([HTTPEndpoint.PathPiece], query: String?)
    }

    /// The region the service is called in and the signature is scoped to.
    package let region: String
    /// The service as the ARN names it (`sqs`, `dynamodb`, `states`…), also its SigV4 signing name.
    package let service: String
    /// `mybucket` of `mybucket.s3` (S3 only): prefixed to the AWS host name; behind `--aws-endpoint`
    /// the bucket leads the path instead (path-style addressing).
    package let subdomain: String?
    package let style: Style
    /// How the service's API is spoken (what the action style adds).
    package let wire: AWSServiceProtocol

    package init(region: String, service: String, subdomain: String?, style: Style, wire: AWSServiceProtocol) {
        self.region = region
        self.service = service
        self.subdomain = subdomain
        self.style = style
        self.wire = wire
    }

    /// `{subdomain.}{service}.{region}.amazonaws.com`: the host on AWS (used without `--aws-endpoint`).
    package var awsHost: String {
        (subdomain.map { $0 + "." } ?? "") + service + "." + region + ".amazonaws.com"
    }

    /// The path pieces after an endpoint's base path: `/` for the action style.
    package var pathPieces: [HTTPEndpoint.PathPiece] {
        switch style {
        case .action: return [.literal("/")]
        case .path(let pieces, _): return pieces
        }
    }

    /// The fixed query: `Action={name}` and the URI's parameters for the action style, the URI's own for the path style.
    package var query: String? {
        switch style {
        case .action(let name, let parameters):
            return "Action=" + PercentEncoding.encode(name, keeping: .unreserved) + (parameters.map { "&" + $0 } ?? "")
        case .path(_, let query): return query
        }
    }

    /// `X-Amz-Target` of an action-style call to a JSON-protocol service (`DynamoDB_20120810.PutItem`), else nil.
    package var amzTarget: String? {
        guard case .action(let name, _) = style, case .json(let prefix, _) = wire else { return nil }
        return prefix + "." + name
    }

    /// Why a URI cannot be served; the compiler words it for the deployment error.
    package enum Failure: Error, Sendable, Equatable {
        /// Not `arn:aws…:apigateway:REGION:SERVICE:(action|path)/…`, or an empty action, path or region.
        case malformed
        /// A service Tollgate does not speak (named).
        case unsupportedService(String)
        /// The action style of a service that only has a path style here (S3).
        case unsupportedActionStyle(String)
        /// `{subdomain}.{service}` for a service other than S3 (whose subdomain is the bucket).
        case unsupportedSubdomain(String)
    }

    /// Parses an AWS service integration URI (after stage-variable substitution).
    package static func parse(_ uri: String) throws(Failure) -> AWSServiceTarget {
        let fields = uri.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[1].hasPrefix("aws"), fields[2] == "apigateway",
              !fields[3].isEmpty, fields[3].utf8.allSatisfy(Self.isRegionByte), !fields[4].isEmpty else { throw .malformed }
        let region = String(fields[3])
        var service = Substring(fields[4])
        var subdomain: String?
        if let dot = service.utf8.lastIndex(of: UInt8(ascii: ".")) {
            subdomain = String(service[..<dot])
            service = service[service.utf8.index(after: dot)...]
            guard let name = subdomain, !name.isEmpty, name.utf8.allSatisfy(PathPart.isNameByte) else { throw .malformed }
        }
        guard let wire = AWSServiceProtocol.forService(String(service)) else { throw .unsupportedService(String(service)) }
        // Only S3's subdomain (the bucket) has a meaning Tollgate can keep behind `--aws-endpoint` (path-style addressing).
        guard subdomain == nil || wire == .rest else { throw .unsupportedSubdomain(String(service)) }
        let rest = fields[5]
        let style: Style
        if rest.hasPrefix("action/") {
            let text = rest.dropFirst("action/".count)
            let ampersand = text.utf8.firstIndex(of: UInt8(ascii: "&")) ?? text.endIndex
            let name = text[..<ampersand]
            guard !name.isEmpty, name.utf8.allSatisfy({ Self.isActionByte($0) }) else { throw .malformed }
            guard wire != .rest else { throw .unsupportedActionStyle(String(service)) }
            let parameters = ampersand == text.endIndex ? nil : String(text[text.utf8.index(after: ampersand)...])
            guard parameters.map({ !$0.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "#") }) }) ?? true else {
                throw .malformed
            }
            style = .action(name: String(name), parameters: parameters.flatMap { $0.isEmpty ? nil : $0 })
        } else if rest.hasPrefix("path/") {
            let path = rest.dropFirst("path/".count)
            // The path's own syntax is an HTTP endpoint's: placeholders, no spaces, an optional query.
            guard !path.isEmpty, let parsed = HTTPEndpoint.parse("http://service/" + path) else { throw .malformed }
            style = .path(parsed.path, query: parsed.query)
        } else {
            throw .malformed
        }
        return AWSServiceTarget(region: region, service: String(service), subdomain: subdomain, style: style, wire: wire)
    }

    private static func isRegionByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    private static func isActionByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
