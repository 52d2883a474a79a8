import Shared

/// A request's query string, decoded (`+` is a space, `%XX` escapes resolved), order kept.
///
/// AWS semantics (reference §2.13): single-value views take the *last* value of a repeated name;
/// names are case-sensitive.
package struct QueryParameters: Sendable {
    package let pairs: [(name: String, value: String)]

    package init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Parses the raw query (without `?`); empty components are skipped, `a` alone means `a=""`.
    package init(raw: Substring?) {
        guard let raw, !raw.isEmpty else { pairs = []; return }
        var pairs: [(name: String, value: String)] = []
        for component in raw.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = component.firstIndex(of: "=") {
                pairs.append((PercentDecoding.decodeString(component[..<equals], plusAsSpace: true),
                              PercentDecoding.decodeString(component[component.index(after: equals)...], plusAsSpace: true)))
            } else {
                pairs.append((PercentDecoding.decodeString(component, plusAsSpace: true), ""))
            }
        }
        self.pairs = pairs
    }

    package var isEmpty: Bool { pairs.isEmpty }

    /// The last value of `name`.
    package func last(_ name: String) -> String? {
        pairs.last(where: { $0.name == name })?.value
    }

    /// Every value of `name`, in order.
    package func all(_ name: String) -> [String] {
        pairs.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Distinct names in order of first appearance.
    package var names: [String] {
        var seen: Set<String> = []
        return pairs.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}
