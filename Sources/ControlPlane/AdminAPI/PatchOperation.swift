/// One JSON-Patch-like operation of an `Update*` call (botocore `PatchOperation`).
///
/// Values are always strings on the wire (`"10"`, `"true"`). `path` is a JSON Pointer whose segments
/// escape `/` as `~1` and `~` as `~0`; `segments` undoes that.
package struct PatchOperation: Codable, Sendable, Equatable {
    /// add, remove, replace, move, copy or test.
    package var op: String
    package var path: String
    package var value: String?
    package var from: String?

    package init(op: String, path: String, value: String? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    /// The path's segments, unescaped: `/~1pets~1{id}/GET/throttling/rateLimit` →
    /// `["/pets/{id}", "GET", "throttling", "rateLimit"]`; `/` → `[""]`.
    package var segments: [String] {
        Self.segments(of: path)
    }

    static func segments(of path: String) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        return parts.map { Self.unescape($0) }
    }

    /// `~1` → `/` and `~0` → `~` in one pass (RFC 6901); any other `~` is kept as is.
    static func unescape(_ segment: Substring) -> String {
        guard segment.contains("~") else { return String(segment) }
        var result = ""
        var index = segment.startIndex
        while index < segment.endIndex {
            let next = segment.index(after: index)
            if segment[index] == "~", next < segment.endIndex, segment[next] == "1" || segment[next] == "0" {
                result.append(segment[next] == "1" ? "/" : "~")
                index = segment.index(after: next)
            } else {
                result.append(segment[index])
                index = next
            }
        }
        return result
    }

    // MARK: - Typed values (AWS sends every value as a string)

    /// The value, or AWS's error when it is missing.
    func requiredValue() throws(AdminError) -> String {
        guard let value else { throw .badRequest("Invalid null or empty value for patch path \(path)") }
        return value
    }

    func boolValue() throws(AdminError) -> Bool {
        switch try requiredValue().lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badRequest("Invalid boolean value for patch path \(path): \(value ?? "")")
        }
    }

    func intValue() throws(AdminError) -> Int {
        guard let number = Int(try requiredValue()) else {
            throw .badRequest("Invalid integer value for patch path \(path): \(value ?? "")")
        }
        return number
    }

    func doubleValue() throws(AdminError) -> Double {
        guard let number = Double(try requiredValue()), number.isFinite else {
            throw .badRequest("Invalid double value for patch path \(path): \(value ?? "")")
        }
        return number
    }

    // MARK: - Applying to maps

    /// `add`/`replace` set `map[key]` to `value()`; `remove` deletes it, leaving nil when the map empties
    /// (AWS omits empty maps). Any other op is an invalid path.
    func apply<Value>(to map: inout [String: Value]?, key: String, value: () throws -> Value) throws {
        switch op {
        case "add", "replace":
            map = (map ?? [:]).merging([key: try value()]) { $1 }
        case "remove":
            map?[key] = nil
            if map?.isEmpty == true { map = nil }
        default:
            throw unknownPath
        }
    }

    // MARK: - Errors in AWS's wording

    /// `Invalid patch path  '{path}' specified for op '{op}'. Must be one of: [...]` (the double space is AWS's).
    func invalidPath(mustBeOneOf paths: [String]) -> AdminError {
        .badRequest("Invalid patch path  '\(path)' specified for op '\(op)'. Must be one of: [\(paths.joined(separator: ", "))]")
    }

    /// `Invalid patch path {path}`: a path the resource has no field for.
    var unknownPath: AdminError { .badRequest("Invalid patch path \(path)") }

    /// `Invalid patch operation specified. Must be one of: [...]`.
    static func invalidOperation(mustBeOneOf ops: [String]) -> AdminError {
        .badRequest("Invalid patch operation specified. Must be one of: [\(ops.joined(separator: ", "))]")
    }
}
