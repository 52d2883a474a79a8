/// A composed YAML node: the representation graph of one document with aliases replaced by
/// (copies of) the nodes they name. Mappings keep their entries in document order.
///
/// Scalars keep their style and tag so that the JSON conversion can apply the core schema only
/// to untagged plain scalars; every node keeps its mark for errors found after composition.
package indirect enum YAMLNode: Sendable {
    case scalar(String, style: YAMLScalarStyle, tag: String?, mark: YAMLMark)
    case sequence([YAMLNode], tag: String?, mark: YAMLMark)
    case mapping([(key: YAMLNode, value: YAMLNode)], tag: String?, mark: YAMLMark)

    /// Where the node starts in the source.
    package var mark: YAMLMark {
        switch self {
        case .scalar(_, _, _, let mark), .sequence(_, _, let mark), .mapping(_, _, let mark): return mark
        }
    }

    /// The resolved tag (`tag:yaml.org,2002:str`, `!local`, `!`), or nil when none was written.
    package var tag: String? {
        switch self {
        case .scalar(_, _, let tag, _), .sequence(_, let tag, _), .mapping(_, let tag, _): return tag
        }
    }
}
