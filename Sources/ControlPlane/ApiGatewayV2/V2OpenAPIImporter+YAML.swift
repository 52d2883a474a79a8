import Shared

/// What a YAML document says as written, where the JSON view loses it.
extension V2OpenAPIImporter {
    /// `info.version` as written in a YAML document (`version: 2.0` is the number 2 in the JSON
    /// view, but the text `2.0` to AWS, which keeps it as the API's version); nil for a JSON document,
    /// a quoted or missing version, or a document that does not read.
    static func writtenInfoVersion(_ bytes: [UInt8]) -> String? {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard first != UInt8(ascii: "{"), let node = try? YAMLReader.document(bytes) else { return nil }
        func member(_ node: YAMLNode, _ name: String) -> YAMLNode? {
            guard case .mapping(let pairs, _, _) = node else { return nil }
            return pairs.first { if case .scalar(let key, _, _, _) = $0.key { key == name } else { false } }?.value
        }
        guard let info = member(node, "info"), let version = member(info, "version"),
              case .scalar(let text, .plain, _, _) = version else { return nil }
        return text
    }
}
