/// One token of the YAML scanner: the lexical units of YAML 1.2 chapter 5–9 (indicators,
/// scalars, properties, and the synthetic block-collection start and end tokens that the
/// scanner derives from indentation).
struct YAMLToken {
    enum Kind: Equatable {
        case streamStart, streamEnd
        case versionDirective
        /// `%TAG handle prefix`.
        case tagDirective(handle: String, prefix: String)
        case documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        case blockEntry, flowEntry, key, value
        case alias(String)
        case anchor(String)
        /// `handle` is as written (`!`, `!!`, `!e!`, or empty for a verbatim tag); `suffix` is
        /// percent-decoded.
        case tag(handle: String, suffix: String)
        case scalar(String, YAMLScalarStyle)
    }

    var kind: Kind
    var mark: YAMLMark
}

/// How a scalar was written; quoted and block scalars are never resolved to null/bool/number.
package enum YAMLScalarStyle: Equatable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}
