/// Why a YAML document could not be read: a message and the 1-based line and column (in
/// characters) where the reader stopped.
///
/// Every failure of the scanner, parser, composer and the JSON conversion is this one type, so
/// an importer can report `line:column: message` without knowing which stage failed.
package struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    package let line: Int
    package let column: Int
    package let message: String

    package init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ message: String, at mark: YAMLMark) {
        self.init(line: mark.line, column: mark.column, message: message)
    }

    /// `line:column: message`, the form editors and compilers use.
    package var description: String { "\(line):\(column): \(message)" }
}
