/// Builds `YAMLNode` trees from parser events: one per document, aliases resolved.
///
/// Iterative (a stack of open collections), so only the parser's bounded recursion touches the
/// call stack. Each node records how many nodes it contains; copying it through an alias adds
/// that many to a budget capped by `YAMLLimits.maxAliasExpansion`, which is how a "billion
/// laughs" document fails after a few thousand steps instead of expanding exponentially.
/// Anchors are scoped to their document; an alias must follow its anchor's node, so cycles are
/// impossible.
struct YAMLComposer: YAMLEventSink {
    private struct Open {
        var isMapping: Bool
        var anchor: String?
        var tag: String?
        var mark: YAMLMark
        var items: [YAMLNode] = []
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode? = nil
        var size = 1
    }

    let limits: YAMLLimits
    private(set) var documents: [YAMLNode] = []
    private var stack: [Open] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var expanded = 0

    init(limits: YAMLLimits) { self.limits = limits }

    mutating func receive(_ event: YAMLEvent) throws(YAMLError) {
        switch event {
        case .streamStart, .streamEnd, .documentEnd:
            break
        case .documentStart:
            anchors.removeAll(keepingCapacity: true)
        case .scalar(let value, let style, let anchor, let tag, let mark):
            add(.scalar(value, style: style, tag: tag, mark: mark), size: 1, anchor: anchor)
        case .alias(let name, let mark):
            guard let target = anchors[name] else { throw YAMLError("the alias *\(name) names no anchor defined before it", at: mark) }
            expanded += target.size
            guard expanded <= limits.maxAliasExpansion else {
                throw YAMLError("aliases expand to more than \(limits.maxAliasExpansion) nodes", at: mark)
            }
            add(target.node, size: target.size, anchor: nil)
        case .sequenceStart(let anchor, let tag, _, let mark):
            stack.append(Open(isMapping: false, anchor: anchor, tag: tag, mark: mark))
        case .mappingStart(let anchor, let tag, _, let mark):
            stack.append(Open(isMapping: true, anchor: anchor, tag: tag, mark: mark))
        case .sequenceEnd, .mappingEnd:
            let open = stack.removeLast()
            let node: YAMLNode = open.isMapping
                ? .mapping(open.entries, tag: open.tag, mark: open.mark)
                : .sequence(open.items, tag: open.tag, mark: open.mark)
            add(node, size: open.size, anchor: open.anchor)
        }
    }

    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            documents.append(node)
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].entries.append((key, node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }
}
