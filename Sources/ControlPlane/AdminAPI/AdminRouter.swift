/// Finds the admin operation a request addresses, from the method, the decoded path and the query.
///
/// Built once (by `AdminCatalog`, over every service's operations; `AdminOperation.all` by default)
/// and immutable afterwards; a match carries the operation's service, so handlers are found by
/// (service, operation). Matching is by segment count, then
/// segment by segment (a literal beats a `{label}`), and an operation whose URI carries a literal query
/// (`POST /restapis?mode=import` = ImportRestApi) wins over its plain twin when that query is present.
struct AdminRouter: Sendable {
    /// A matched operation and its URI labels (`restapi_id` → `a1b2c3d4e5`), already percent-decoded.
    struct Match: Sendable {
        let operation: AdminOperation
        let labels: [String: String]
    }

    /// One segment of a URI template.
    private enum Segment: Sendable {
        case literal(String)
        case label(String)
    }

    /// A parsed operation URI.
    private struct Route: Sendable {
        let operation: AdminOperation
        let segments: [Segment]
        let requiredQuery: (name: String, value: String)?
    }

    private let routes: [Route]

    init(operations: [AdminOperation] = AdminOperation.all) {
        routes = operations.map { operation in
            let parts = operation.uri.split(separator: "?", maxSplits: 1)
            var requiredQuery: (name: String, value: String)?
            if parts.count == 2 {
                let pair = parts[1].split(separator: "=", maxSplits: 1)
                requiredQuery = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            }
            let segments = parts[0].split(separator: "/").map { part -> Segment in
                part.hasPrefix("{") && part.hasSuffix("}") ? .label(String(part.dropFirst().dropLast())) : .literal(String(part))
            }
            return Route(operation: operation, segments: segments, requiredQuery: requiredQuery)
        }
    }

    /// The best operation for `method` on the decoded `segments` with `query`, or nil.
    func match(method: String, segments: [String], query: [String: [String]]) -> Match? {
        var best: (route: Route, labels: [String: String], score: Int)?
        for route in routes where route.operation.method == method && route.segments.count == segments.count {
            var labels: [String: String] = [:]
            var score = 0
            var matched = true
            for (segment, value) in zip(route.segments, segments) {
                switch segment {
                case .literal(let literal):
                    guard literal == value else { matched = false; break }
                    score += 2
                case .label(let name):
                    guard !value.isEmpty else { matched = false; break }
                    labels[name] = value
                }
                if !matched { break }
            }
            guard matched else { continue }
            if let required = route.requiredQuery {
                guard query[required.name]?.contains(required.value) == true else { continue }
                score += 1
            }
            if best == nil || score > best!.score { best = (route, labels, score) }
        }
        return best.map { Match(operation: $0.route.operation, labels: $0.labels) }
    }
}
