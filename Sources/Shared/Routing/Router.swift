/// The compiled REST resource router of one stage: an immutable, flattened trie.
///
/// Matching follows Amazon API Gateway's REST rules (reference §2.3):
/// - at each level a literal part beats `{var}`, which beats `{var+}`;
/// - an exact verb beats `ANY`; `ANY` covers DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT; HEAD does
///   not fall back to GET;
/// - the most specific resource *that has a matching method* wins: the search backtracks out of a
///   literal or variable branch that has no method for the verb and tries the next, more generic one;
/// - `{proxy+}` needs at least one segment (it never matches `/` or its own parent);
/// - trailing slashes are ignored, leading repeated slashes are skipped, slashes inside a greedy value
///   are kept, and captured values stay percent-encoded.
///
/// Lookup reads the UTF-8 view of the path in place; it allocates only the parameter array (when the
/// route has variables) and a decode buffer for literal segments containing `%`. Thread-safe: `let`
/// data only.
package struct Router: Sendable {
    /// One resource: ranges into the literal and method arrays, child indexes (-1 = none).
    struct Node: Sendable {
        let literalStart: Int32
        let literalCount: Int32
        let variableChild: Int32
        let greedyChild: Int32
        let methodStart: Int32
        let methodCount: Int32
        let anyRoute: Int32
    }

    let nodes: [Node]
    let literalKeys: [[UInt8]]
    let literalTargets: [Int32]
    let methodNames: [String]
    let methodRoutes: [Int32]

    /// Number of resource nodes (including the root).
    package var nodeCount: Int { nodes.count }

    /// Finds the route for `method` on `path` (the part after the stage, e.g. `/pets/12`; `""` and
    /// `"/"` are the root). Returns nil when no resource has a matching method (→ 403 Missing
    /// Authentication Token).
    package func match(method: String, path: Substring) -> RouteMatch? {
        let utf8 = path.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == Self.slash { utf8.formIndex(after: &start) }
        while end > start, utf8[utf8.index(before: end)] == Self.slash { utf8.formIndex(before: &end) }
        var captures: [Substring] = []
        guard let route = search(node: 0, from: start, end: end, path: path, method: method, captures: &captures) else {
            return nil
        }
        return RouteMatch(route: Int(route), parameterValues: captures)
    }

    /// True when `method` is one of the verbs `ANY` stands for.
    package static func anyCovers(_ method: String) -> Bool {
        switch method {
        case "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT": return true
        default: return false
        }
    }

    static let slash = UInt8(ascii: "/")

    // MARK: - Search

    private func search(node index: Int32, from position: String.Index, end: String.Index, path: Substring,
                        method: String, captures: inout [Substring]) -> Int32? {
        if position == end { return route(at: index, method: method) }
        let utf8 = path.utf8
        var segmentEnd = position
        while segmentEnd < end, utf8[segmentEnd] != Self.slash { utf8.formIndex(after: &segmentEnd) }
        let next = segmentEnd == end ? end : utf8.index(after: segmentEnd)
        let node = nodes[Int(index)]

        if node.literalCount > 0, segmentEnd > position,
           let child = literalChild(of: node, segment: utf8[position..<segmentEnd]),
           let found = search(node: child, from: next, end: end, path: path, method: method, captures: &captures) {
            return found
        }
        if node.variableChild >= 0, segmentEnd > position {
            captures.append(path[position..<segmentEnd])
            if let found = search(node: node.variableChild, from: next, end: end, path: path, method: method, captures: &captures) {
                return found
            }
            captures.removeLast()
        }
        if node.greedyChild >= 0, let found = route(at: node.greedyChild, method: method) {
            captures.append(path[position..<end])
            return found
        }
        return nil
    }

    private func route(at index: Int32, method: String) -> Int32? {
        let node = nodes[Int(index)]
        var i = Int(node.methodStart)
        let stop = i + Int(node.methodCount)
        while i < stop {
            if methodNames[i] == method { return methodRoutes[i] }
            i += 1
        }
        if node.anyRoute >= 0, Self.anyCovers(method) { return node.anyRoute }
        return nil
    }

    // MARK: - Literal children

    private func literalChild(of node: Node, segment: Substring.UTF8View) -> Int32? {
        if let found = findLiteral(of: node, segment) { return found }
        guard segment.contains(UInt8(ascii: "%")) else { return nil }
        return findLiteral(of: node, PercentDecoding.decode(segment))
    }

    private func findLiteral<Bytes: Collection<UInt8>>(of node: Node, _ segment: Bytes) -> Int32? {
        var low = Int(node.literalStart)
        var high = low + Int(node.literalCount) - 1
        while low <= high {
            let mid = (low + high) / 2
            let order = Self.compare(segment, literalKeys[mid])
            if order == 0 { return literalTargets[mid] }
            if order < 0 { high = mid - 1 } else { low = mid + 1 }
        }
        return nil
    }

    /// Lexicographic byte order, the same order `RouterBuilder.build` sorts keys in.
    static func compare<Bytes: Collection<UInt8>>(_ a: Bytes, _ b: [UInt8]) -> Int {
        var ai = a.startIndex
        var bi = 0
        while ai != a.endIndex, bi < b.count {
            let x = a[ai], y = b[bi]
            if x != y { return x < y ? -1 : 1 }
            a.formIndex(after: &ai)
            bi += 1
        }
        if ai == a.endIndex { return bi == b.count ? 0 : -1 }
        return 1
    }
}
