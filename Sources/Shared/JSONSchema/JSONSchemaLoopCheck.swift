/// Finds cycles of schemas that apply to the same instance (`allOf`, `anyOf`, `oneOf`, `not`,
/// schema dependencies, with every `$ref` already collapsed): `{"anyOf": [{"$ref": "#"}]}`
/// would recurse forever on any input. A cycle through `properties`/`items`/… is fine, since each
/// step enters a smaller part of the instance. Iterative, so a long chain cannot overflow the stack.
enum JSONSchemaLoopCheck {
    static func check(_ nodes: [JSONSchemaNode]) throws(JSONSchemaCompileError) {
        // 0 = unvisited, 1 = on the current path, 2 = done.
        var state = [UInt8](repeating: 0, count: nodes.count)
        var edges: [[Int]] = nodes.map(\.sameInstanceChildren)
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let children = edges[top.node]
                if top.next < children.count {
                    stack[stack.count - 1].next += 1
                    let child = children[top.next]
                    switch state[child] {
                    case 0:
                        state[child] = 1
                        stack.append((child, 0))
                    case 1:
                        throw .referenceLoop(nodes[child].location, at: nodes[top.node].location)
                    default:
                        break
                    }
                } else {
                    state[top.node] = 2
                    edges[top.node] = []
                    stack.removeLast()
                }
            }
        }
    }
}
