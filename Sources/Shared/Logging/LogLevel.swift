/// How much a process log line matters: `debug` < `info` < `warn` < `error`.
///
/// A `ProcessLog` drops records below its minimum level (`--log-level`, default `info`). The
/// names are the ones the flag takes and the JSON format writes (`"level":"warn"`).
package enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, warn, error

    /// The level spelled `name` (`debug`, `info`, `warn`, `error`; exact, lower case), or nil.
    package init?(name: some StringProtocol) {
        guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }

    /// The lower-case name: the flag's value and the JSON format's `level`.
    package var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warn: "warn"
        case .error: "error"
        }
    }

    /// The upper-case name padded to five columns, as the text format prints it (`INFO `).
    package var textLabel: String {
        switch self {
        case .debug: "DEBUG"
        case .info: "INFO "
        case .warn: "WARN "
        case .error: "ERROR"
        }
    }

    package static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
