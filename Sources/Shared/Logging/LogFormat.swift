/// How a process log line is spelled: one JSON object per line (for collectors) or text for people.
///
/// `--log-format json|text|auto`: `auto` (the default) is text when standard error is a terminal
/// and JSON otherwise; the caller asks `isatty(2)` and passes the answer, so parsing stays pure.
package enum LogFormat: String, Sendable, CaseIterable {
    case json, text

    /// The format `--log-format` names (`json`, `text`, or `auto` resolved with
    /// `standardErrorIsTerminal`); nil for anything else.
    package init?(flag: some StringProtocol, standardErrorIsTerminal: Bool) {
        switch flag {
        case "json": self = .json
        case "text": self = .text
        case "auto": self = standardErrorIsTerminal ? .text : .json
        default: return nil
        }
    }
}
