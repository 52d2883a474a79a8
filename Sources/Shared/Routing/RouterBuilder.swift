/// Collects resource paths and their methods, then compiles them into an immutable `Router`.
///
/// Mutable and single-threaded: it lives only while a stage is compiled. Each method is registered
/// with a route index that `Router.match` hands back. Structural rules of Amazon API Gateway are
/// enforced here too (nothing below a greedy part, at most one variable part per parent).
package struct RouterBuilder {
    /// A resource while building: children by kind, methods by verb.
    private struct NodeBuilder {
        var part: PathPart?
        var literals: [String: Int] = [:]
        var variable: Int?
        var greedy: Int?
        var methods: [String: Int] = [:]
        var path: String
    }

    private var nodes: [NodeBuilder] = [NodeBuilder(part: nil, path: "/")]

    package init() {}

    /// Registers `method` (a verb or `ANY`) on the resource at `path` (root = `[]`) as route `route`.
    package mutating func add(path: [PathPart], method: String, route: Int) throws(RouteTreeError) {
        let node = try insert(path)
        guard nodes[node].methods[method] == nil else {
            throw .duplicateMethod(path: nodes[node].path, method: method)
        }
        nodes[node].methods[method] = route
    }

    /// Makes sure `path` exists as a resource even without methods (keeps sibling rules honest).
    package mutating func addResource(path: [PathPart]) throws(RouteTreeError) {
        _ = try insert(path)
    }

    private mutating func insert(_ path: [PathPart]) throws(RouteTreeError) -> Int {
        var current = 0
        for part in path {
            if case .greedy = nodes[current].part {
                throw .childOfGreedy(parent: nodes[current].part!.description)
            }
            let childPath = current == 0 ? "/\(part)" : "\(nodes[current].path)/\(part)"
            switch part {
            case .literal(let text):
                if let next = nodes[current].literals[text] {
                    current = next
                } else {
                    nodes.append(NodeBuilder(part: part, path: childPath))
                    nodes[current].literals[text] = nodes.count - 1
                    current = nodes.count - 1
                }
            case .variable, .greedy:
                let isGreedy: Bool
                if case .greedy = part { isGreedy = true } else { isGreedy = false }
                if let existing = nodes[current].variable ?? nodes[current].greedy {
                    guard nodes[existing].part == part else {
                        throw .conflictingVariableSibling(existing: nodes[existing].part!.description, new: part.description)
                    }
                    current = existing
                } else {
                    nodes.append(NodeBuilder(part: part, path: childPath))
                    if isGreedy { nodes[current].greedy = nodes.count - 1 } else { nodes[current].variable = nodes.count - 1 }
                    current = nodes.count - 1
                }
            }
        }
        return current
    }

    /// Flattens the tree into arrays; literal children are sorted by bytes for binary search.
    package func build() -> Router {
        var flat: [Router.Node] = []
        flat.reserveCapacity(nodes.count)
        var literalKeys: [[UInt8]] = []
        var literalTargets: [Int32] = []
        var methodNames: [String] = []
        var methodRoutes: [Int32] = []
        for node in nodes {
            let sorted = node.literals.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
            let literalStart = Int32(literalKeys.count)
            for (key, target) in sorted {
                literalKeys.append(key)
                literalTargets.append(Int32(target))
            }
            let methodStart = Int32(methodNames.count)
            var anyRoute: Int32 = -1
            for (method, route) in node.methods.sorted(by: { $0.key < $1.key }) {
                if method == "ANY" {
                    anyRoute = Int32(route)
                } else {
                    methodNames.append(method)
                    methodRoutes.append(Int32(route))
                }
            }
            flat.append(Router.Node(
                literalStart: literalStart, literalCount: Int32(sorted.count),
                variableChild: Int32(node.variable ?? -1), greedyChild: Int32(node.greedy ?? -1),
                methodStart: methodStart, methodCount: Int32(methodNames.count) - methodStart,
                anyRoute: anyRoute))
        }
        return Router(nodes: flat, literalKeys: literalKeys, literalTargets: literalTargets,
                      methodNames: methodNames, methodRoutes: methodRoutes)
    }
}
