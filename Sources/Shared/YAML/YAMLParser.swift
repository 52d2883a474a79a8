/// The YAML 1.2 parser: tokens from `YAMLScanner` in, events out to a sink.
///
/// Recursive descent over the grammar of streams, documents, block and flow collections and
/// node properties (the same productions as libyaml's state machine); recursion is bounded by
/// `YAMLLimits.maxDepth`. It also enforces the document rules of §9: directives only before an
/// explicit `---`, and after a document that did not end with `...`.
struct YAMLParser<Sink: YAMLEventSink> {
    var scanner: YAMLScanner
    var sink: Sink
    let limits: YAMLLimits
    private var tagHandles: [String: String] = [:]

    init(bytes: [UInt8], sink: Sink, limits: YAMLLimits) {
        self.scanner = YAMLScanner(bytes: bytes)
        self.sink = sink
        self.limits = limits
    }

    private static var defaultHandles: [String: String] { ["!": "!", "!!": "tag:yaml.org,2002:"] }

    private mutating func peek() throws(YAMLError) -> YAMLToken { try scanner.peek() }
    private mutating func kind() throws(YAMLError) -> YAMLToken.Kind { try scanner.peek().kind }
    private mutating func emit(_ event: YAMLEvent) throws(YAMLError) { try sink.receive(event) }

    // MARK: - Stream and documents

    /// Parses the whole stream, sending every event to the sink.
    mutating func parseStream() throws(YAMLError) {
        guard try kind() == .streamStart else { throw YAMLError("expected the start of the stream", at: try peek().mark) }
        scanner.skip()
        try emit(.streamStart)
        var endedExplicitly = true
        while true {
            while try kind() == .documentEnd {
                scanner.skip()
                endedExplicitly = true
            }
            if try kind() == .streamEnd {
                scanner.skip()
                try emit(.streamEnd)
                return
            }
            tagHandles = Self.defaultHandles
            var sawDirective = false
            var sawVersion = false
            var declared: Set<String> = []
            while true {
                let token = try peek()
                switch token.kind {
                case .versionDirective:
                    guard !sawVersion else { throw YAMLError("a document can have only one %YAML directive", at: token.mark) }
                    sawVersion = true
                case .tagDirective(let handle, let prefix):
                    guard declared.insert(handle).inserted else { throw YAMLError("the %TAG handle \(handle) is declared twice", at: token.mark) }
                    tagHandles[handle] = prefix
                default:
                    break
                }
                guard token.kind == .versionDirective || sawDirectiveKind(token.kind) else { break }
                guard endedExplicitly else { throw YAMLError("a directive must follow a document end marker '...'", at: token.mark) }
                sawDirective = true
                scanner.skip()
            }
            let start = try peek()
            if start.kind == .documentStart {
                scanner.skip()
                try emit(.documentStart(explicit: true))
                switch try kind() {
                case .versionDirective, .tagDirective, .documentStart, .documentEnd, .streamEnd:
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: start.mark)
                default:
                    try parseNode(block: true, indentlessSequence: false, depth: 0)
                }
            } else {
                guard !sawDirective else { throw YAMLError("expected '---' after the directives", at: start.mark) }
                guard endedExplicitly else { throw YAMLError("expected '---' or the end of the document", at: start.mark) }
                try emit(.documentStart(explicit: false))
                try parseNode(block: true, indentlessSequence: false, depth: 0)
            }
            let end = try peek()
            if end.kind == .documentEnd {
                scanner.skip()
                try emit(.documentEnd(explicit: true))
                endedExplicitly = true
            } else {
                guard end.kind == .documentStart || end.kind == .streamEnd || sawDirectiveKind(end.kind) || end.kind == .versionDirective else {
                    throw YAMLError("expected the end of the document, found more content", at: end.mark)
                }
                try emit(.documentEnd(explicit: false))
                endedExplicitly = false
            }
        }
    }

    private func sawDirectiveKind(_ kind: YAMLToken.Kind) -> Bool {
        if case .tagDirective = kind { return true }
        return false
    }

    // MARK: - Nodes

    private mutating func emitEmptyScalar(anchor: String?, tag: String?, mark: YAMLMark) throws(YAMLError) {
        try emit(.scalar("", style: .plain, anchor: anchor, tag: tag, mark: mark))
    }

    /// One node: an alias, or properties followed by content (an empty scalar when the
    /// properties stand alone).
    private mutating func parseNode(block: Bool, indentlessSequence: Bool, depth: Int) throws(YAMLError) {
        guard depth < limits.maxDepth else {
            throw YAMLError("collections are nested deeper than \(limits.maxDepth) levels", at: try peek().mark)
        }
        var token = try peek()
        if case .alias(let name) = token.kind {
            scanner.skip()
            try emit(.alias(name, mark: token.mark))
            return
        }
        let start = token.mark
        var anchor: String? = nil
        var tag: String? = nil
        while true {
            if case .anchor(let name) = token.kind {
                guard anchor == nil else { throw YAMLError("a node can have only one anchor", at: token.mark) }
                anchor = name
            } else if case .tag(let handle, let suffix) = token.kind {
                guard tag == nil else { throw YAMLError("a node can have only one tag", at: token.mark) }
                tag = try resolveTag(handle: handle, suffix: suffix, mark: token.mark)
            } else {
                break
            }
            scanner.skip()
            token = try peek()
        }
        switch token.kind {
        case .alias:
            throw YAMLError("an alias cannot have an anchor or a tag", at: token.mark)
        case .blockEntry where indentlessSequence:
            try parseIndentlessSequence(anchor: anchor, tag: tag, mark: start, depth: depth)
        case .scalar(let value, let style):
            scanner.skip()
            try emit(.scalar(value, style: style, anchor: anchor, tag: tag, mark: start))
        case .flowSequenceStart:
            try parseFlowSequence(anchor: anchor, tag: tag, mark: start, depth: depth)
        case .flowMappingStart:
            try parseFlowMapping(anchor: anchor, tag: tag, mark: start, depth: depth)
        case .blockSequenceStart where block:
            try parseBlockSequence(anchor: anchor, tag: tag, mark: start, depth: depth)
        case .blockMappingStart where block:
            try parseBlockMapping(anchor: anchor, tag: tag, mark: start, depth: depth)
        default:
            guard anchor != nil || tag != nil else { throw YAMLError("expected a node (a scalar, a collection or an alias)", at: token.mark) }
            try emitEmptyScalar(anchor: anchor, tag: tag, mark: start)
        }
    }

    private func resolveTag(handle: String, suffix: String, mark: YAMLMark) throws(YAMLError) -> String {
        if handle.isEmpty { return suffix }
        guard let prefix = tagHandles[handle] else { throw YAMLError("the tag handle \(handle) is not declared by a %TAG directive", at: mark) }
        return prefix + suffix
    }

    // MARK: - Block collections

    private mutating func parseBlockSequence(anchor: String?, tag: String?, mark: YAMLMark, depth: Int) throws(YAMLError) {
        scanner.skip()
        try emit(.sequenceStart(anchor: anchor, tag: tag, flow: false, mark: mark))
        while true {
            let token = try peek()
            switch token.kind {
            case .blockEntry:
                scanner.skip()
                let next = try kind()
                if next == .blockEntry || next == .blockEnd {
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
                } else {
                    try parseNode(block: true, indentlessSequence: false, depth: depth + 1)
                }
            case .blockEnd:
                scanner.skip()
                try emit(.sequenceEnd)
                return
            default:
                throw YAMLError("expected a '-' sequence entry at this indentation", at: token.mark)
            }
        }
    }

    private mutating func parseIndentlessSequence(anchor: String?, tag: String?, mark: YAMLMark, depth: Int) throws(YAMLError) {
        try emit(.sequenceStart(anchor: anchor, tag: tag, flow: false, mark: mark))
        while true {
            let token = try peek()
            guard token.kind == .blockEntry else { break }
            scanner.skip()
            let next = try kind()
            if next == .blockEntry || next == .key || next == .value || next == .blockEnd {
                try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
            } else {
                try parseNode(block: true, indentlessSequence: false, depth: depth + 1)
            }
        }
        try emit(.sequenceEnd)
    }

    private mutating func parseBlockMapping(anchor: String?, tag: String?, mark: YAMLMark, depth: Int) throws(YAMLError) {
        scanner.skip()
        try emit(.mappingStart(anchor: anchor, tag: tag, flow: false, mark: mark))
        while true {
            let token = try peek()
            switch token.kind {
            case .key:
                scanner.skip()
                let next = try kind()
                if next == .key || next == .value || next == .blockEnd {
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
                } else {
                    try parseNode(block: true, indentlessSequence: true, depth: depth + 1)
                }
            case .value:
                try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
            case .blockEnd:
                scanner.skip()
                try emit(.mappingEnd)
                return
            default:
                throw YAMLError("expected a mapping key at this indentation", at: token.mark)
            }
            let value = try peek()
            if value.kind == .value {
                scanner.skip()
                let next = try kind()
                if next == .key || next == .value || next == .blockEnd {
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: value.mark)
                } else {
                    try parseNode(block: true, indentlessSequence: true, depth: depth + 1)
                }
            } else {
                try emitEmptyScalar(anchor: nil, tag: nil, mark: value.mark)
            }
        }
    }

    // MARK: - Flow collections

    private mutating func parseFlowSequence(anchor: String?, tag: String?, mark: YAMLMark, depth: Int) throws(YAMLError) {
        scanner.skip()
        try emit(.sequenceStart(anchor: anchor, tag: tag, flow: true, mark: mark))
        var first = true
        while let token = try nextFlowEntry(first: first, end: .flowSequenceEnd, expected: "expected ',' or ']' in a flow sequence") {
            first = false
            if token.kind == .key || token.kind == .value {
                // A single-pair mapping, `[a: b]` or `[? a : b]`.
                try emit(.mappingStart(anchor: nil, tag: nil, flow: true, mark: token.mark))
                if token.kind == .key {
                    scanner.skip()
                    let next = try kind()
                    if next == .value || next == .flowEntry || next == .flowSequenceEnd {
                        try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
                    } else {
                        try parseNode(block: false, indentlessSequence: false, depth: depth + 1)
                    }
                } else {
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
                }
                try parseFlowValue(end: .flowSequenceEnd, depth: depth)
                try emit(.mappingEnd)
            } else {
                try parseNode(block: false, indentlessSequence: false, depth: depth + 1)
            }
        }
        scanner.skip()
        try emit(.sequenceEnd)
    }

    private mutating func parseFlowMapping(anchor: String?, tag: String?, mark: YAMLMark, depth: Int) throws(YAMLError) {
        scanner.skip()
        try emit(.mappingStart(anchor: anchor, tag: tag, flow: true, mark: mark))
        var first = true
        while let token = try nextFlowEntry(first: first, end: .flowMappingEnd, expected: "expected ',' or '}' in a flow mapping") {
            first = false
            if token.kind == .key {
                scanner.skip()
                let next = try kind()
                if next == .value || next == .flowEntry || next == .flowMappingEnd {
                    try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
                } else {
                    try parseNode(block: false, indentlessSequence: false, depth: depth + 1)
                }
            } else if token.kind == .value {
                try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
            } else {
                try parseNode(block: false, indentlessSequence: false, depth: depth + 1)
            }
            try parseFlowValue(end: .flowMappingEnd, depth: depth)
        }
        scanner.skip()
        try emit(.mappingEnd)
    }

    /// The first token of a flow collection's next entry, past its `,`; nil at the collection's end.
    private mutating func nextFlowEntry(first: Bool, end: YAMLToken.Kind, expected: String) throws(YAMLError) -> YAMLToken? {
        var token = try peek()
        if token.kind == end { return nil }
        if !first {
            guard token.kind == .flowEntry else { throw YAMLError(expected, at: token.mark) }
            scanner.skip()
            token = try peek()
            if token.kind == end { return nil }
        }
        return token
    }

    /// The `: value` part of a flow pair, or an empty value when there is none.
    private mutating func parseFlowValue(end: YAMLToken.Kind, depth: Int) throws(YAMLError) {
        let token = try peek()
        guard token.kind == .value else { return try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark) }
        scanner.skip()
        let next = try kind()
        if next == .flowEntry || next == end {
            try emitEmptyScalar(anchor: nil, tag: nil, mark: token.mark)
        } else {
            try parseNode(block: false, indentlessSequence: false, depth: depth + 1)
        }
    }
}
