/// Compiles a draft 4 schema document into a `JSONSchema`: checks every schema object against
/// draft 4's rules, indexes `id` scopes, resolves each `$ref` (JSON pointers, `#`, plain-name
/// `id`s, other documents through the resolver) to the index of its target, and rejects loops
/// that would never finish. Mutable only while one compilation runs (off the event loops: on
/// model write in the control plane, at snapshot build in the data plane).
struct JSONSchemaCompiler {
    /// A schema position: a document and the pointer tokens from its root, with the resolution
    /// scope it sits in (before its own `id` applies).
    struct Location {
        let document: Int
        let tokens: [String]
        let outerBase: String
    }

    private struct Document {
        let uri: String
        let root: JSONValue
    }

    private let resolver: any JSONSchemaResolver
    private let limits: JSONSchemaLimits
    private var documents: [Document] = []
    /// Absolute URIs (with a fragment for plain-name ids like `#foo`) → the schema they identify.
    private var resources: [String: Location] = [:]
    private var nodes: [JSONSchemaNode?] = []
    private var memo: [String: Int] = [:]
    private var refsInProgress: Set<String> = []
    private var patterns: [String: ECMARegex] = [:]

    private init(resolver: any JSONSchemaResolver, limits: JSONSchemaLimits) {
        self.resolver = resolver
        self.limits = limits
    }

    static func compile(_ document: JSONValue, baseURI: String, resolver: any JSONSchemaResolver, limits: JSONSchemaLimits) throws(JSONSchemaCompileError) -> JSONSchema {
        var compiler = JSONSchemaCompiler(resolver: resolver, limits: limits)
        let base = JSONSchemaURI(baseURI).withoutFragment.text
        try compiler.load(document, uri: base)
        let root = try compiler.compileSchema(Location(document: 0, tokens: [], outerBase: base), document, depth: 0)
        let built = compiler.nodes.compactMap { $0 }
        precondition(built.count == compiler.nodes.count, "every reserved schema node is built")
        try JSONSchemaLoopCheck.check(built)
        return JSONSchema(nodes: built, root: root, limits: limits)
    }

    // MARK: - Documents and scopes

    private mutating func load(_ root: JSONValue, uri: String) throws(JSONSchemaCompileError) {
        guard documents.count < limits.maxDocuments else { throw .tooLarge("more than \(limits.maxDocuments) documents") }
        documents.append(Document(uri: uri, root: root))
        let location = Location(document: documents.count - 1, tokens: [], outerBase: uri)
        if resources[uri] == nil { resources[uri] = location }
        try index(root, location, depth: 0)
    }

    /// Walks the schema positions of a document: checks each against draft 4's rules and
    /// registers the scopes its `id`s open. A `$ref` object's siblings are ignored (draft 4), so
    /// its `id` opens nothing and nothing under it is walked.
    private mutating func index(_ value: JSONValue, _ location: Location, depth: Int) throws(JSONSchemaCompileError) {
        guard depth <= limits.maxSchemaDepth else { throw .tooDeep(at: text(location)) }
        guard case .object(let members) = value else { throw .notASchema(at: text(location)) }
        try JSONSchemaDraft4Rules.check(members, at: text(location), patterns: &patterns)
        if value["$ref"] != nil { return }
        var scope = location.outerBase
        if case .string(let id)? = value["id"] {
            let resolved = JSONSchemaURI.resolve(id, against: scope)
            scope = resolved.withoutFragment.text
            let key = (resolved.fragment ?? "").isEmpty ? scope : resolved.text
            if resources[key] == nil { resources[key] = location }
        }
        for (tokens, child) in Self.subschemas(of: members, includingDefinitions: true) {
            try index(child, Location(document: location.document, tokens: location.tokens + tokens, outerBase: scope), depth: depth + 1)
        }
    }

    /// The scope inside `value` given the scope around it: its `id` applied, unless it is a `$ref`.
    private static func scope(of value: JSONValue, around outer: String) -> String {
        guard value["$ref"] == nil, case .string(let id)? = value["id"] else { return outer }
        return JSONSchemaURI.resolve(id, against: outer).withoutFragment.text
    }

    /// The subschemas of a schema object with their pointer tokens relative to it.
    static func subschemas(of members: [(key: String, value: JSONValue)], includingDefinitions: Bool) -> [([String], JSONValue)] {
        var out: [([String], JSONValue)] = []
        for (keyword, value) in members {
            switch (keyword, value) {
            case ("properties", .object(let entries)), ("patternProperties", .object(let entries)), ("dependencies", .object(let entries)):
                for entry in entries where isObject(entry.value) { out.append(([keyword, entry.key], entry.value)) }
            case ("definitions", .object(let entries)) where includingDefinitions:
                for entry in entries { out.append(([keyword, entry.key], entry.value)) }
            case ("additionalProperties", .object), ("additionalItems", .object), ("items", .object), ("not", _):
                out.append(([keyword], value))
            case ("items", .array(let items)), ("allOf", .array(let items)), ("anyOf", .array(let items)), ("oneOf", .array(let items)):
                for (i, item) in items.enumerated() { out.append(([keyword, String(i)], item)) }
            default:
                break
            }
        }
        return out
    }

    private static func isObject(_ value: JSONValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    private func text(_ location: Location) -> String {
        let pointer = JSONPointer.render(location.tokens)
        return location.document == 0 ? "#" + pointer : documents[location.document].uri + "#" + pointer
    }

    // MARK: - References

    /// The schema `ref` designates, resolved against `base`; loads its document if needed.
    private mutating func resolve(_ ref: String, base: String, at: String) throws(JSONSchemaCompileError) -> (Location, JSONValue) {
        let target = JSONSchemaURI.resolve(ref, against: base)
        let documentURI = target.withoutFragment.text
        if let pointer = JSONPointer.tokens(ofFragment: target.fragment ?? "") {
            guard let resource = try locate(documentURI),
                  let resourceValue = JSONPointer.resolve(resource.tokens[...], in: documents[resource.document].root),
                  let value = JSONPointer.resolve(pointer[...], in: resourceValue) else { throw .unresolvableReference(ref, at: at) }
            // The scope of the target: every `id` on the way down from the resource applies.
            var scope = resource.outerBase
            var current = resourceValue
            for token in pointer {
                scope = Self.scope(of: current, around: scope)
                guard let next = JSONPointer.resolve([token][...], in: current) else { break }
                current = next
            }
            return (Location(document: resource.document, tokens: resource.tokens + pointer, outerBase: scope), value)
        }
        _ = try locate(documentURI)
        guard let resource = resources[target.text],
              let value = JSONPointer.resolve(resource.tokens[...], in: documents[resource.document].root) else { throw .unresolvableReference(ref, at: at) }
        return (resource, value)
    }

    /// The schema identified by an absolute URI without fragment, asking the resolver for
    /// documents not seen yet.
    private mutating func locate(_ uri: String) throws(JSONSchemaCompileError) -> Location? {
        if let known = resources[uri] { return known }
        guard let document = resolver.schemaDocument(at: uri) else { return nil }
        try load(document, uri: uri)
        return resources[uri]
    }

    // MARK: - Nodes

    /// The node index for the schema at `location`; a `$ref` yields its target's index.
    private mutating func compileSchema(_ location: Location, _ value: JSONValue, depth: Int) throws(JSONSchemaCompileError) -> Int {
        let key = "\(location.document)|" + JSONPointer.render(location.tokens)
        if let known = memo[key] { return known }
        let at = text(location)
        guard depth <= limits.maxSchemaDepth else { throw .tooDeep(at: at) }
        guard case .object(let members) = value else { throw .notASchema(at: at) }
        try JSONSchemaDraft4Rules.check(members, at: at, patterns: &patterns)
        if case .string(let ref)? = value["$ref"] {
            guard refsInProgress.insert(key).inserted else { throw .referenceLoop(ref, at: at) }
            let (target, targetValue) = try resolve(ref, base: location.outerBase, at: at)
            let index = try compileSchema(target, targetValue, depth: depth + 1)
            refsInProgress.remove(key)
            memo[key] = index
            return index
        }
        guard nodes.count < limits.maxNodes else { throw .tooLarge("more than \(limits.maxNodes) schemas") }
        let index = nodes.count
        nodes.append(nil)
        memo[key] = index
        let scope = Self.scope(of: value, around: location.outerBase)
        var children = JSONSchemaNodeBuilder(location: at, members: members, patterns: patterns)
        for (tokens, child) in Self.subschemas(of: members, includingDefinitions: false) {
            let childIndex = try compileSchema(Location(document: location.document, tokens: location.tokens + tokens, outerBase: scope),
                                               child, depth: depth + 1)
            children.subschema(tokens, is: childIndex)
        }
        nodes[index] = children.build()
        return index
    }
}
