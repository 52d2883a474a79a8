/// One parsing event (YAML 1.2 §3.1.2's serialization tree, flattened), as libyaml and the
/// yaml-test-suite's `test.event` files describe a stream. Tags are already resolved through
/// the document's `%TAG` directives: `tag:yaml.org,2002:str`, `!local`, or `!` (non-specific).
package enum YAMLEvent: Equatable, Sendable {
    case streamStart
    case streamEnd
    case documentStart(explicit: Bool)
    case documentEnd(explicit: Bool)
    case sequenceStart(anchor: String?, tag: String?, flow: Bool, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, flow: Bool, mark: YAMLMark)
    case mappingEnd
    case scalar(String, style: YAMLScalarStyle, anchor: String?, tag: String?, mark: YAMLMark)
    case alias(String, mark: YAMLMark)
}

/// Receives the parser's events in order: the composer builds nodes from them, tests record them.
package protocol YAMLEventSink {
    mutating func receive(_ event: YAMLEvent) throws(YAMLError)
}
