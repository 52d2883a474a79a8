/// Where `JSONValue`'s string escaper writes: a `String` or UTF-8 bytes, so one escaper serves
/// both. Internal and specialised per output type: no existential per character.
protocol JSONTextOutput {
    /// Appends `text` (an escape sequence or a quote).
    mutating func appendJSONText(_ text: String)
    /// Appends `source[range]` unchanged; `range` lies on Unicode scalar boundaries.
    mutating func appendJSONRun(of source: String, _ range: Range<String.Index>)
}

extension String: JSONTextOutput {
    mutating func appendJSONText(_ text: String) {
        self += text
    }

    mutating func appendJSONRun(of source: String, _ range: Range<String.Index>) {
        // The scalar view: a run may end inside a grapheme (before the `\n` of `\r\n`).
        unicodeScalars.append(contentsOf: source.unicodeScalars[range])
    }
}

extension Array: JSONTextOutput where Element == UInt8 {
    mutating func appendJSONText(_ text: String) {
        append(contentsOf: text.utf8)
    }

    mutating func appendJSONRun(of source: String, _ range: Range<String.Index>) {
        append(contentsOf: source.utf8[range])
    }
}
