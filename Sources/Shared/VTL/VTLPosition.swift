/// Where something is in a template: 1-based line and column, the column counted in Unicode
/// scalars from the start of the line (what an editor shows), so logs can point at the spot.
package struct VTLPosition: Equatable, Sendable, CustomStringConvertible {
    package let line: Int32
    package let column: Int32

    package init(line: Int, column: Int) {
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }

    package var description: String { "\(line):\(column)" }
}
