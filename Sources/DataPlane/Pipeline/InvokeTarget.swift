/// What an incoming request addresses, decided from its `Host` header and path alone (no snapshot).
///
/// Forms (reference §2.1):
/// - host style `{restApiId}.execute-api.{anything}[:port]` with path `/{stage}/{path}`;
/// - path style `/restapis/{restApiId}/{stage}/_user_request_/{path}` and LocalStack's
///   `/_aws/execute-api/{restApiId}/{stage}/{path}`;
/// - `/_tollgate/health` on every host.
/// Slices point into the request's strings; resolution allocates nothing. Separators are searched
/// as UTF-8 bytes (all ASCII), which skips Character grapheme breaking on every request.
package enum InvokeTarget: Equatable, Sendable {
    /// How the API was named.
    package enum Style: Equatable, Sendable {
        case host
        case path
    }

    case health
    /// `path` is what follows the stage (`/pets/1`, or `""` for the stage root), still encoded.
    case api(restApiId: Substring, stage: Substring, path: Substring, style: Style)
    /// An API was named but no stage (`/` on an API host) → 403 Missing Authentication Token.
    case missingStage(restApiId: Substring)
    /// Neither form matches → 404.
    case noApi

    package static let healthPath = "/_tollgate/health"

    /// Resolves `host` (the Host header, may carry a port) and `path` (the request path without query).
    package static func resolve(host: String?, path: Substring) -> InvokeTarget {
        if path == healthPath[...] { return .health }
        if let host, let apiId = apiId(fromHost: host) {
            guard let (stage, rest) = firstSegment(of: path), !stage.isEmpty else { return .missingStage(restApiId: apiId) }
            return .api(restApiId: apiId, stage: stage, path: rest, style: .host)
        }
        if let target = pathStyle(path) { return target }
        return .noApi
    }

    /// `abc123.execute-api.localhost:8080` → `abc123`; nil when the host is not an execute-api name.
    static func apiId(fromHost host: String) -> Substring? {
        // One pass over the host's contiguous UTF-8 (every native or small String). Through the
        // generic views (a substring's UTF-8 view zipped with the marker's) the host cost ~2,300
        // instructions a request more (bench/instructions.sh, issue 11).
        let idLength = host.utf8.withContiguousStorageIfAvailable(apiIdLength) 
            ?? Array(host.utf8).withUnsafeBufferPointer(apiIdLength)
        guard let idLength else { return nil }
        // The id's bytes are ASCII (`isIdByte`), so `idLength` bytes end on a character boundary.
        return Substring(host.utf8.prefix(idLength))
    }

    /// The byte length of the id in front of `.execute-api.` in `name`, or nil.
    ///
    /// Plain index loops: the first version of this scan (`firstIndex(of:)` and `for … where` loops)
    /// added 22 allocations per request in debug builds, which the allocation test counts; with
    /// these loops the debug proxy route makes 240 (AllocationProbe, issue 11).
    private static func apiIdLength(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        var dot = 0
        while dot < name.count, name[dot] != UInt8(ascii: ".") {
            guard isIdByte(name[dot]) else { return nil }
            dot += 1
        }
        guard dot > 0, dot < name.count else { return nil }
        let marker = executeApiMarker
        // Something must follow the marker (`abc.execute-api.` alone names no host).
        guard name.count - (dot + 1) > marker.utf8CodeUnitCount else { return nil }
        var offset = 0
        while offset < marker.utf8CodeUnitCount {
            // Safe: `offset` < the literal's byte count.
            guard name[dot + 1 + offset] | 0x20 == marker.utf8Start[offset] else { return nil }
            offset += 1
        }
        return dot
    }

    /// `execute-api.` in lowercase (`.` and `-` are unchanged by `| 0x20`), compared case-insensitively.
    private static var executeApiMarker: StaticString { "execute-api." }

    private static func pathStyle(_ path: Substring) -> InvokeTarget? {
        for prefix in ["/restapis/", "/_aws/execute-api/"] where path.hasPrefix(prefix) {
            let afterPrefix = path.dropFirst(prefix.count)
            guard let slash = afterPrefix.utf8.firstIndex(of: UInt8(ascii: "/")) else {
                return afterPrefix.isEmpty ? nil : .missingStage(restApiId: afterPrefix)
            }
            let apiId = afterPrefix[..<slash]
            guard !apiId.isEmpty, apiId.utf8.allSatisfy(isIdByte) else { return nil }
            guard let (stage, rest) = firstSegment(of: afterPrefix[slash...]), !stage.isEmpty else {
                return .missingStage(restApiId: apiId)
            }
            if prefix == "/_aws/execute-api/" { return .api(restApiId: apiId, stage: stage, path: rest, style: .path) }
            let marker = "/_user_request_"
            guard rest.hasPrefix(marker) else { return nil }
            let userPath = rest.dropFirst(marker.count)
            guard userPath.isEmpty || userPath.hasPrefix("/") else { return nil }
            return .api(restApiId: apiId, stage: stage, path: userPath, style: .path)
        }
        return nil
    }

    /// Splits `/first/rest…` into `first` and `/rest…` (or `""`); nil when `path` does not start with `/`.
    static func firstSegment(of path: Substring) -> (Substring, Substring)? {
        // Sliced through the UTF-8 view: `/` is ASCII, so the pieces end on character boundaries,
        // and `Substring(_: UTF8View)` skips the grapheme rounding a `Substring` subscript by a
        // UTF-8 index pays (~840 instructions a request, issue 11 fifth pass).
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        let body = utf8[utf8.index(after: utf8.startIndex)...]
        guard let slash = body.firstIndex(of: UInt8(ascii: "/")) else { return (Substring(body), Substring(body[body.endIndex...])) }
        return (Substring(body[..<slash]), Substring(body[slash...]))
    }

    private static func isIdByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
