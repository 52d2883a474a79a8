/// Byte-level substring search for ASCII needles, independent of Foundation's `range(of:)`
/// (which is slow and would be picked up whenever Foundation is imported in the module).
enum ASCIISearch {
    /// The first occurrence of `needle` (ASCII) in `haystack`.
    static func firstRange(of needle: StaticString, in haystack: Substring) -> Range<String.Index>? {
        let utf8 = haystack.utf8
        return needle.withUTF8Buffer { pattern -> Range<String.Index>? in
            guard let first = pattern.first else { return nil }
            var start = utf8.startIndex
            while start != utf8.endIndex {
                guard let candidate = utf8[start...].firstIndex(of: first) else { return nil }
                var i = candidate
                var j = 0
                while j < pattern.count, i != utf8.endIndex, utf8[i] == pattern[j] {
                    utf8.formIndex(after: &i)
                    j += 1
                }
                if j == pattern.count { return candidate..<i }
                start = utf8.index(after: candidate)
            }
            return nil
        }
    }

    static func firstRange(of needle: StaticString, in haystack: String) -> Range<String.Index>? {
        firstRange(of: needle, in: haystack[...])
    }

    /// True when `text` starts with the ASCII `prefix`, ignoring ASCII case.
    static func hasPrefixIgnoringCase(_ text: Substring, _ prefix: StaticString) -> Bool {
        let utf8 = text.utf8
        return prefix.withUTF8Buffer { pattern in
            var i = utf8.startIndex
            for b in pattern {
                guard i != utf8.endIndex else { return false }
                let a = utf8[i]
                let la = (a >= 65 && a <= 90) ? a | 0x20 : a
                let lb = (b >= 65 && b <= 90) ? b | 0x20 : b
                if la != lb { return false }
                utf8.formIndex(after: &i)
            }
            return true
        }
    }
}
