/// Substitution of `${stageVariables.NAME}` references (integration URIs, Lambda ARNs; reference §2.12).
package enum StageVariableTemplate {
    static let opener: StaticString = "${stageVariables."

    /// True when `text` contains at least one `${stageVariables.` reference.
    package static func hasReferences(_ text: String) -> Bool {
        ASCIISearch.firstRange(of: opener, in: text) != nil
    }

    /// Replaces every `${stageVariables.NAME}` with `variables[NAME]` (or `placeholder`, or "" when
    /// neither is given). Returns nil for a reference without its closing `}` or with an empty or
    /// invalid name (letters, digits, `_`, `-`, `.`).
    package static func substitute(_ text: String, variables: [String: String], placeholder: String? = nil) -> String? {
        guard hasReferences(text) else { return text }
        var output = ""
        var rest = text[...]
        while let open = ASCIISearch.firstRange(of: opener, in: rest) {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { return nil }
            let name = afterOpen[..<close]
            guard !name.isEmpty, name.utf8.allSatisfy(PathPart.isNameByte) else { return nil }
            output += placeholder ?? variables[String(name)] ?? ""
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        output += rest
        return output
    }
}
