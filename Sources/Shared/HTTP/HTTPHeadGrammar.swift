/// What distinguishes one kind of HTTP/1.1 message for `HTTPMessageParser`: how its head is
/// read and which body follows it.
///
/// A conforming struct reads the start line and fields through the `HTTPMessageReader`, checks
/// the rules of its direction, and starts the body on the reader before it returns the head.
/// Conformers: `HTTPRequestGrammar`, `HTTPResponseGrammar`.
package protocol HTTPHeadGrammar: Sendable {
    associatedtype Head: Sendable & Equatable

    /// No head is partly read and none is awaited (the parser adds "nothing buffered").
    var isIdle: Bool { get }

    /// The connection has reached EOF: a read-until-close body ends, anything else cut short is
    /// `.truncatedMessage`.
    var atEOF: Bool { get }

    /// Reads the next head to report and starts its body on `reader`; nil when more bytes are
    /// needed. May consume heads it does not report (interim responses).
    mutating func nextHead(_ reader: inout HTTPMessageReader) throws(HTTPParseError) -> Head?
}
