/// One process log line before it is spelled: when, how important, who said it, and what.
///
/// `fields` keep their order; their values are text (numbers are written as strings, so a
/// collector's schema does not change with a value).
package struct LogRecord: Sendable {
    /// UTC epoch milliseconds.
    package var epochMillis: Int64
    package var level: LogLevel
    /// The process: a data plane's `--node-id`, `control-plane`, `dev`, `lambda-runner`.
    package var node: String
    /// The part of the process (`sync`, `admin`, `audit`, `tls`, …).
    package var component: String
    package var message: String
    package var fields: [(key: String, value: String)]

    package init(epochMillis: Int64, level: LogLevel, node: String, component: String, message: String,
                 fields: [(key: String, value: String)] = []) {
        self.epochMillis = epochMillis
        self.level = level
        self.node = node
        self.component = component
        self.message = message
        self.fields = fields
    }
}
