/// Reads YAML 1.2 streams from UTF-8 bytes: the entry points of the scanner → parser →
/// composer pipeline, and the conversion of a single document to `JSONValue`.
///
/// Pure and synchronous, safe on any input: malformed text, invalid UTF-8, deep nesting and
/// alias bombs all end in a `YAMLError` with a line and column. UTF-16 and UTF-32 streams are
/// refused (OpenAPI files are UTF-8).
package enum YAMLReader {
    /// Every document of the stream, in order (an empty stream has none).
    package static func documents(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> [YAMLNode] {
        try validate(bytes)
        var parser = YAMLParser(bytes: bytes, sink: YAMLComposer(limits: limits), limits: limits)
        try parser.parseStream()
        return parser.sink.documents
    }

    /// The stream's only document; an empty stream reads as a null scalar, more than one
    /// document is an error.
    package static func document(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLNode {
        let all = try documents(bytes, limits: limits)
        guard all.count <= 1 else { throw YAMLError("expected one document, found \(all.count)", at: all[1].mark) }
        return all.first ?? .scalar("", style: .plain, tag: nil, mark: .start)
    }

    /// The stream's only document as JSON under the YAML 1.2 core schema (see `YAMLNode.json`).
    package static func json(
        _ bytes: [UInt8], options: YAMLJSONOptions = YAMLJSONOptions(), limits: YAMLLimits = YAMLLimits()
    ) throws(YAMLError) -> JSONValue {
        try document(bytes, limits: limits).json(options: options)
    }

    /// The raw event stream, for conformance tests and tools.
    package static func events(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> [YAMLEvent] {
        try validate(bytes)
        var parser = YAMLParser(bytes: bytes, sink: YAMLEventRecorder(), limits: limits)
        try parser.parseStream()
        return parser.sink.events
    }

    /// Refuses invalid UTF-8 and the C0 control characters YAML does not allow (§5.1), so the
    /// scanner can treat a 0 from its look-ahead as the end of input.
    static func validate(_ bytes: [UInt8]) throws(YAMLError) {
        var i = 0
        var line = 1
        var lineStart = 0
        func fail(_ message: String) -> YAMLError {
            let column = bytes[lineStart..<i].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            return YAMLError(line: line, column: column, message: message)
        }
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F { i += 1; continue }
            if b == 0x0A || (b == 0x0D && !(i + 1 < count && bytes[i + 1] == 0x0A)) {
                i += 1
                line += 1
                lineStart = i
                continue
            }
            if b == 0x09 || b == 0x0D { i += 1; continue }
            guard b >= 0x80 else { throw fail("the control character U+\(String(b, radix: 16, uppercase: true)) is not allowed in YAML") }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: throw fail("the input is not valid UTF-8")
            }
            guard i + length <= count else { throw fail("the input is not valid UTF-8") }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { throw fail("the input is not valid UTF-8") }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw fail("the input is not valid UTF-8")
            }
            i += length
        }
    }
}

/// Collects events into an array (`YAMLReader.events`).
struct YAMLEventRecorder: YAMLEventSink {
    var events: [YAMLEvent] = []
    mutating func receive(_ event: YAMLEvent) throws(YAMLError) { events.append(event) }
}
