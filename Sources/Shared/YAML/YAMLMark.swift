/// A position in a YAML document: byte offset, and 1-based line and column (in Unicode scalars).
///
/// Tokens, events and nodes carry the mark where they start so that errors found later (an
/// unknown alias, a duplicate key) still point at the source.
package struct YAMLMark: Equatable, Sendable {
    package var offset: Int
    package var line: Int
    package var column: Int

    package init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    static let start = YAMLMark(offset: 0, line: 1, column: 1)
}
