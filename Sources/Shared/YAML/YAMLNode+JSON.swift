// MARK: - Conversion to JSON

extension YAMLNode {
    private static let yamlTag = "tag:yaml.org,2002:"

    /// The node as JSON under the YAML 1.2 core schema: untagged plain scalars resolve to
    /// null/bool/number/string, quoted and block scalars stay strings, `!!str`/`!!int`/`!!float`/
    /// `!!bool`/`!!null` are honoured (a value that does not fit its tag is an error), and other
    /// tags (`!!binary`, `!custom`) keep the scalar's text. Duplicate keys, collection keys and null
    /// keys are errors at the key's position; see `YAMLJSONOptions` for number and boolean keys.
    /// Recursion depth is bounded by the reader's nesting limit.
    package func json(options: YAMLJSONOptions = YAMLJSONOptions()) throws(YAMLError) -> JSONValue {
        switch self {
        case .scalar(let value, let style, let tag, let mark):
            return try Self.scalarJSON(value, style: style, tag: tag, mark: mark)
        case .sequence(let items, _, _):
            var array: [JSONValue] = []
            array.reserveCapacity(items.count)
            for item in items { array.append(try item.json(options: options)) }
            return .array(array)
        case .mapping(let entries, _, _):
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(entries.count)
            var seen: Set<String> = []
            seen.reserveCapacity(entries.count)
            for entry in entries {
                let key = try entry.key.jsonKey(options: options)
                guard seen.insert(key).inserted else {
                    throw YAMLError("duplicate mapping key \"\(key)\"", at: entry.key.mark)
                }
                members.append((key, try entry.value.json(options: options)))
            }
            return .object(members)
        }
    }

    private func jsonKey(options: YAMLJSONOptions) throws(YAMLError) -> String {
        guard case .scalar(let value, let style, let tag, let mark) = self else {
            throw YAMLError("a sequence or mapping cannot be a JSON object key", at: mark)
        }
        switch try Self.scalarJSON(value, style: style, tag: tag, mark: mark) {
        case .string(let text):
            return text
        case .null:
            throw YAMLError("a null mapping key cannot be a JSON object key", at: mark)
        default:
            guard !options.strictKeys else { throw YAMLError("the mapping key \(value) is not a string; quote it", at: mark) }
            return value
        }
    }

    private static func scalarJSON(_ value: String, style: YAMLScalarStyle, tag: String?, mark: YAMLMark) throws(YAMLError) -> JSONValue {
        guard let tag else { return style == .plain ? YAMLCoreSchema.resolve(value) : .string(value) }
        guard tag.hasPrefix(yamlTag) else { return .string(value) }
        switch tag.dropFirst(yamlTag.count) {
        case "null":
            guard YAMLCoreSchema.isNull(value) else { throw YAMLError("\"\(value)\" is not a !!null", at: mark) }
            return .null
        case "bool":
            guard let bool = YAMLCoreSchema.bool(value) else { throw YAMLError("\"\(value)\" is not a !!bool", at: mark) }
            return .bool(bool)
        case "int", "float":
            guard let number = YAMLCoreSchema.number(value) else { throw YAMLError("\"\(value)\" is not a number", at: mark) }
            return .number(number)
        default:
            return .string(value)
        }
    }
}
