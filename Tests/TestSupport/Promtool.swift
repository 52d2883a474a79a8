import Foundation

/// Prometheus's `promtool check metrics`, for tests that validate an exposition: the binary comes
/// with Debian's `prometheus` package (scripts/bootstrap installs it). Tests that need it are
/// skipped with `Promtool.missing` as their reason when it is not installed.
package enum Promtool {
    /// The promtool binary on `PATH` (or the Debian path), nil when absent.
    package static let path: String? = {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/promtool" }
            + ["/usr/bin/promtool"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    package static let missing = "promtool is not installed (apt-get install prometheus, or scripts/bootstrap): exposition not validated"

    /// Runs `promtool check metrics` over `text` (stdin). Returns its exit status and output
    /// (stdout and stderr: lint problems are printed there), or nil without promtool.
    package static func check(_ text: String) throws -> (status: Int32, output: String)? {
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
