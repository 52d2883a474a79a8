import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `--flag value` options of one `tollgate` subcommand, with `TOLLGATE_FLAG_NAME` environment fallbacks.
///
/// `--admin-access-key-id X` may also come from `TOLLGATE_ADMIN_ACCESS_KEY_ID`. Flags win over the
/// environment. Boolean switches are given without a value and listed in `switches`.
struct CommandOptions {
    private var values: [String: String] = [:]
    private var present: Set<String> = []

    /// Parses `arguments` (after the subcommand name); unknown flags and missing values are errors.
    init(_ arguments: [String], known: Set<String>, switches: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw UsageError("unexpected argument '\(argument)'") }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if switches.contains(name) {
                present.insert(name)
                index += 1
                continue
            }
            guard known.contains(name) else { throw UsageError("unknown option '--\(name)'") }
            if let inlineValue {
                values[name] = inlineValue
                index += 1
            } else {
                guard index + 1 < arguments.count else { throw UsageError("option '--\(name)' needs a value") }
                values[name] = arguments[index + 1]
                index += 2
            }
        }
    }

    /// The value of `--name`, else of `TOLLGATE_NAME` (dashes become underscores, upper-cased), else nil.
    func value(_ name: String) -> String? {
        if let value = values[name] { return value }
        let variable = "TOLLGATE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        if let raw = getenv(variable) { return String(cString: raw) }
        return nil
    }

    /// The value of a required option, or a usage error naming the flag and its variable.
    func require(_ name: String, why: String = "") throws(UsageError) -> String {
        guard let value = value(name), !value.isEmpty else {
            let variable = "TOLLGATE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            throw UsageError("missing --\(name) (or \(variable))\(why.isEmpty ? "" : ": \(why)")")
        }
        return value
    }

    /// Whether a boolean switch was given (or its variable is `1`/`true`).
    func flag(_ name: String) -> Bool {
        if present.contains(name) { return true }
        guard let value = value(name) else { return false }
        return value == "1" || value.lowercased() == "true"
    }
}

/// A command-line mistake, printed as one line.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `HOST:PORT` → (host, port), for `--listen` and `--gossip`.
func parseHostPort(_ text: String) throws(UsageError) -> (host: String, port: Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
        throw UsageError("expected HOST:PORT, got '\(text)'")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "127.0.0.1" : host, port)
}
