/// Evaluates `selectionPattern` regexes over the status codes 100–599, once per distinct pattern.
///
/// Mutable; lives for one compilation. Patterns are whole-match regexes, as in Amazon API Gateway
/// (which uses Java regex; Swift's regex syntax agrees on what integration patterns use).
struct SelectionPatternCache {
    private var sets: [String: StatusCodeSet] = [:]

    /// The status codes `pattern` matches; nil when the pattern is not a valid regex.
    mutating func statusCodes(matching pattern: String) -> StatusCodeSet? {
        if let known = sets[pattern] { return known }
        let set: StatusCodeSet
        if pattern.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            var exact = StatusCodeSet()
            if let code = Int(pattern) { exact.insert(code) }
            set = exact
        } else {
            guard let regex = try? Regex(pattern) else { return nil }
            guard let computed = try? StatusCodeSet(where: { try regex.wholeMatch(in: $0) != nil }) else { return nil }
            set = computed
        }
        sets[pattern] = set
        return set
    }
}
