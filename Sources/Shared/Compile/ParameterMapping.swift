extension MappingSource {
    /// The JSONPath text of a `method.request.body.…` or `integration.response.body.…` source.
    package var bodyPath: String? {
        switch self {
        case .methodBodyPath(let path), .integrationBodyPath(let path): return path
        default: return nil
        }
    }

    /// `bodyPath` parsed (the compiler refuses a mapping whose path does not parse); nil otherwise.
    package var compiledBodyPath: VTLJSONPath? {
        bodyPath.flatMap { try? VTLJSONPath($0) }
    }
}

/// Where a mapped parameter value comes from (the value side of `requestParameters` /
/// `responseParameters`, reference §3.2). Parsed once at compile time.
package enum MappingSource: Equatable, Sendable {
    /// `'static value'` (quotes removed, content verbatim).
    case literal(String)
    case methodPath(String)
    case methodQuerystring(String)
    case methodMultiValueQuerystring(String)
    case methodHeader(String)
    case methodMultiValueHeader(String)
    case methodBody
    /// `method.request.body.JSONPath`; the JSONPath text starts with `$`-less dotted path as written.
    case methodBodyPath(String)
    case integrationHeader(String)
    case integrationMultiValueHeader(String)
    case integrationBody
    case integrationBodyPath(String)
    case stageVariable(String)
    /// `context.NAME` (e.g. `requestId`, `identity.sourceIp`).
    case context(String)
}

/// Where a request mapping writes (`integration.request.{path|querystring|header|…}.NAME`).
package enum RequestMappingTarget: Equatable, Sendable {
    case path(String)
    case querystring(String)
    case multiValueQuerystring(String)
    case header(String)
    case multiValueHeader(String)
}

/// One compiled `integration.request.*` mapping.
package struct RequestParameterMapping: Equatable, Sendable {
    package let target: RequestMappingTarget
    package let source: MappingSource
    /// The source's body JSONPath, parsed once (`method.request.body.JSONPath`).
    package let bodyPath: VTLJSONPath?
    package init(target: RequestMappingTarget, source: MappingSource) {
        self.target = target
        self.source = source
        self.bodyPath = source.compiledBodyPath
    }
}

/// One compiled `method.response.header.NAME` mapping of an integration response.
package struct ResponseParameterMapping: Equatable, Sendable {
    package let header: String
    package let source: MappingSource
    /// The source's body JSONPath, parsed once (`integration.response.body.JSONPath`).
    package let bodyPath: VTLJSONPath?
    package init(header: String, source: MappingSource) {
        self.header = header
        self.source = source
        self.bodyPath = source.compiledBodyPath
    }
}

/// Pure parsers for mapping keys and expressions.
package enum ParameterMappingParser {
    /// Parses an `integration.request.…` key; nil when it is not one.
    package static func requestTarget(_ key: String) -> RequestMappingTarget? {
        let prefixes: [(String, (String) -> RequestMappingTarget)] = [
            ("integration.request.path.", { .path($0) }),
            ("integration.request.querystring.", { .querystring($0) }),
            ("integration.request.multivaluequerystring.", { .multiValueQuerystring($0) }),
            ("integration.request.header.", { .header($0) }),
            ("integration.request.multivalueheader.", { .multiValueHeader($0) }),
        ]
        for (prefix, make) in prefixes where key.hasPrefix(prefix) {
            let name = String(key.dropFirst(prefix.count))
            guard isValidName(name) else { return nil }
            if prefix.hasSuffix("header."), !isToken(name) { return nil }
            return make(name)
        }
        return nil
    }

    /// Parses a `method.response.header.NAME` key to the header name; nil when it is not one.
    package static func responseHeader(_ key: String) -> String? {
        let prefix = "method.response.header."
        guard key.hasPrefix(prefix) else { return nil }
        let name = String(key.dropFirst(prefix.count))
        return isToken(name) ? name : nil
    }

    /// Parses the value side of a request mapping; nil when the expression is not valid there.
    package static func requestSource(_ expression: String) -> MappingSource? {
        source(expression, whole: ("method.request.body", .methodBody), parts: [
            ("method.request.path.", { .methodPath($0) }),
            ("method.request.querystring.", { .methodQuerystring($0) }),
            ("method.request.multivaluequerystring.", { .methodMultiValueQuerystring($0) }),
            ("method.request.header.", { .methodHeader($0) }),
            ("method.request.multivalueheader.", { .methodMultiValueHeader($0) }),
            ("method.request.body.", { .methodBodyPath($0) }),
        ])
    }

    /// Parses the value side of a response mapping; nil when the expression is not valid there.
    package static func responseSource(_ expression: String) -> MappingSource? {
        source(expression, whole: ("integration.response.body", .integrationBody), parts: [
            ("integration.response.header.", { .integrationHeader($0) }),
            ("integration.response.multivalueheader.", { .integrationMultiValueHeader($0) }),
            ("integration.response.body.", { .integrationBodyPath($0) }),
        ])
    }

    // MARK: - Helpers

    /// The value side of a mapping in one direction: a literal or a stage/context variable (both
    /// directions), the direction's `whole` body expression, or a name after one of its `parts` prefixes.
    private static func source(
        _ expression: String, whole: (expression: String, source: MappingSource),
        parts: [(String, (String) -> MappingSource)]
    ) -> MappingSource? {
        if let common = commonSource(expression) { return common }
        if expression == whole.expression { return whole.source }
        return prefixed(expression, parts)
    }

    private static func commonSource(_ expression: String) -> MappingSource? {
        let utf8 = expression.utf8
        if utf8.count >= 2, utf8.first == UInt8(ascii: "'"), utf8.last == UInt8(ascii: "'") {
            return .literal(String(expression.dropFirst().dropLast()))
        }
        return prefixed(expression, [
            ("stageVariables.", { .stageVariable($0) }),
            ("context.", { .context($0) }),
        ])
    }

    private static func prefixed(_ expression: String, _ table: [(String, (String) -> MappingSource)]) -> MappingSource? {
        for (prefix, make) in table where expression.hasPrefix(prefix) {
            let name = String(expression.dropFirst(prefix.count))
            return isValidName(name) ? make(name) : nil
        }
        return nil
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "'") }
    }

    /// Whether `name` can be a header field name (an RFC 9110 token).
    package static func isHeaderName(_ name: String) -> Bool { isToken(name) }

    /// RFC 9110 token characters (header field names).
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }
}
