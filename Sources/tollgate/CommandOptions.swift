import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `--flag value` options of one `tollgate` subcommand, with `TOLLGATE_FLAG_NAME` environment fallbacks.
///
/// `--admin-access-key-id X` may also come from `TOLLGATE_ADMIN_ACCESS_KEY_ID`. Flags win over the
/// environment. Boolean switches are given without a value and listed in `switches`.
///
/// **Secrets** (`secretNames`) have four sources, so they never need to be in argv, which every
/// user of the machine can read (`ps`, `/proc/PID/cmdline`): `--NAME-file FILE` (the file's
/// contents, one trailing newline stripped), `TOLLGATE_NAME_FILE`, `TOLLGATE_NAME`, and `--NAME`
/// itself, which still works but puts a line in `warnings` (as does a secret file that other users
/// can read). Any command that knows `NAME` accepts `NAME-file` too.
struct CommandOptions {
    private var values: [String: String] = [:]
    /// Every value of a flag given more than once, in order (`values` keeps the last).
    private var allValues: [String: [String]] = [:]
    private var present: Set<String> = []
    /// Lines to print (prefixed `warning:`) before the command starts: secrets given on the command line.
    private(set) var warnings: [String] = []

    /// Flags whose values are secrets; each also has a `NAME-file` form.
    static let secretNames: Set<String> = ["admin-secret-access-key", "cluster-secret"]

    /// Parses `arguments` (after the subcommand name); unknown flags and missing values are errors.
    init(_ arguments: [String], known: Set<String>, switches: Set<String> = []) throws(UsageError) {
        let known = known.union(Self.secretNames.intersection(known).map { $0 + "-file" })
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
            guard known.contains(name) else { throw UsageError("unknown option '--\(name)' (tollgate COMMAND --help lists the options)") }
            if let inlineValue {
                values[name] = inlineValue
                index += 1
            } else {
                guard index + 1 < arguments.count else { throw UsageError("option '--\(name)' needs a value") }
                values[name] = arguments[index + 1]
                index += 2
            }
            allValues[name, default: []].append(values[name]!)
        }
        for name in Self.secretNames.sorted() where values[name] != nil {
            if values[name + "-file"] != nil { throw UsageError("give either --\(name) or --\(name)-file, not both") }
            warnings.append("--\(name) on the command line is visible to every user of this machine (ps, /proc/PID/cmdline); "
                            + "use --\(name)-file FILE or \(Self.variable(name)) instead")
        }
        for name in Self.secretNames.sorted() where known.contains(name) {
            let fileVariable = Self.variable(name + "-file")
            guard let path = values[name + "-file"] ?? getenv(fileVariable).map({ String(cString: $0) }) else { continue }
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                warnings.append("the secret file \(path) is readable by other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
                                + "chmod 600 it")
            }
        }
    }

    /// The value of `--name`, else of `TOLLGATE_NAME` (dashes become underscores, upper-cased), else nil.
    func value(_ name: String) -> String? {
        if let value = values[name] { return value }
        if let raw = getenv(Self.variable(name)) { return String(cString: raw) }
        return nil
    }

    /// Every value of a repeatable `--name` in order (none: `TOLLGATE_NAME` as one value, else empty).
    func repeatedValues(_ name: String) -> [String] {
        if let given = allValues[name] { return given }
        return value(name).map { [$0] } ?? []
    }

    /// The value of a required option, or a usage error naming the flag and its variable.
    func require(_ name: String, why: String = "") throws(UsageError) -> String {
        guard let value = value(name), !value.isEmpty else {
            throw UsageError("missing --\(name) (or \(Self.variable(name)))\(why.isEmpty ? "" : ": \(why)")")
        }
        return value
    }

    /// A secret: `--name-file`, `--name`, `TOLLGATE_NAME_FILE`, `TOLLGATE_NAME`, in that order; nil if none.
    /// A file that cannot be read or is empty is an error naming it.
    func secret(_ name: String) throws(UsageError) -> String? {
        if let path = values[name + "-file"] { return try Self.readSecretFile(path, flag: "--\(name)-file") }
        if let value = values[name] { return value }
        let fileVariable = Self.variable(name + "-file")
        if let raw = getenv(fileVariable) { return try Self.readSecretFile(String(cString: raw), flag: fileVariable) }
        if let raw = getenv(Self.variable(name)) { return String(cString: raw) }
        return nil
    }

    /// A required secret, or a usage error naming its file flag and variables.
    func requireSecret(_ name: String, why: String = "") throws(UsageError) -> String {
        guard let value = try secret(name), !value.isEmpty else {
            throw UsageError("missing --\(name)-file FILE (or \(Self.variable(name + "-file")) or \(Self.variable(name)))"
                             + (why.isEmpty ? "" : ": \(why)"))
        }
        return value
    }

    /// Whether a boolean switch was given (or its variable is `1`/`true`).
    func flag(_ name: String) -> Bool {
        if present.contains(name) { return true }
        guard let value = value(name) else { return false }
        return value == "1" || value.lowercased() == "true"
    }

    /// Writes each of `warnings` to standard error as `tollgate COMMAND: warning: …`.
    func printWarnings(_ command: String) {
        for warning in warnings { printWarning(command, warning) }
    }

    /// `TOLLGATE_` + the flag name upper-cased with underscores.
    static func variable(_ name: String) -> String {
        "TOLLGATE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The contents of a secret file without one trailing newline (`\n` or `\r\n`).
    static func readSecretFile(_ path: String, flag: String) throws(UsageError) -> String {
        guard let file = fopen(path, "r") else {
            throw UsageError("\(flag): cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[0..<count]
            if count < chunk.count { break }
            guard bytes.count <= 65536 else { throw UsageError("\(flag): \(path) is larger than 64 KiB; is it the right file?") }
        }
        if ferror(file) != 0 { throw UsageError("\(flag): cannot read \(path): \(String(cString: strerror(errno)))") }
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { throw UsageError("\(flag): \(path) is empty") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw UsageError("\(flag): \(path) is not UTF-8 text") }
        return text
    }
}

/// Writes `tollgate COMMAND: warning: TEXT` to standard error in one `write`.
func printWarning(_ command: String, _ text: String) {
    let line = "tollgate \(command): warning: \(text)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
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
