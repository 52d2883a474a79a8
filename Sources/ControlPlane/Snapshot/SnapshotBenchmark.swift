import Foundation
import Shared

/// `tollgate bench-snapshot [--apis N] [--resources N] [--runs N]` (hidden; run by bench/snapshot.sh):
/// times building and encoding the data-plane snapshot for a large synthetic control plane and
/// splits the time into its parts so the report can say what dominates.
///
/// Fills a store in a temporary directory (removed afterwards), then, `runs` times, measures
/// `SnapshotBuilder.buildEncoded` end to end and separately: the SQLite fetch alone, the store read
/// (fetch + JSON decode of stage and deployment documents), `SnapshotCodec.encode`, SHA-256 of the
/// body, and what a node pays (`SnapshotCodec.decode`, `SnapshotCompiler.compile`). Prints medians.
package enum SnapshotBenchmark {
    struct Options {
        var apis = 1000
        var resources = 20
        var runs = 5
    }

    /// Runs the benchmark with command-line `arguments` (after the subcommand); returns the exit status.
    package static func main(_ arguments: [String]) -> Int32 {
        guard let options = parse(arguments) else {
            print("usage: tollgate bench-snapshot [--apis N] [--resources N] [--runs N]")
            return 2
        }
        let directory = NSTemporaryDirectory() + "tollgate-bench-snapshot-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try run(options, store: ConfigStore(directory: directory))
            return 0
        } catch {
            print("bench-snapshot failed: \(error)")
            return 1
        }
    }

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else { return nil }
            switch flag {
            case "--apis": options.apis = value
            case "--resources": options.resources = value
            case "--runs": options.runs = value
            default: return nil
            }
        }
        return options
    }

    // MARK: - Measuring

    /// Named timings of one run, in milliseconds.
    private typealias Run = [String: Double]

    private static func run(_ options: Options, store: ConfigStore) throws {
        let clock = ContinuousClock()
        let now = Int64(Date().timeIntervalSince1970)
        #if DEBUG
        print("warning: debug build; figures are only meaningful with -c release")
        #endif
        var stages = 0
        let filling = try clock.measure { stages = try fill(store, apis: options.apis, resources: options.resources, now: now) }
        print("filled store: \(options.apis) APIs x \(options.resources) resources (GET + HTTP_PROXY each), "
              + "\(stages) stages in \(format(milliseconds(filling))) ms")

        var runs: [Run] = []
        var encoded = try SnapshotBuilder.buildEncoded(store, now: now)  // warm-up, not counted
        for _ in 0..<options.runs {
            var timings: Run = [:]
            timings["total"] = milliseconds(try clock.measure { encoded = try SnapshotBuilder.buildEncoded(store, now: now) })
            timings["fetch"] = milliseconds(try clock.measure { try fetchOnly(store) })
            var snapshot: Snapshot?
            timings["read"] = milliseconds(try clock.measure {
                snapshot = try store.read { tx in try SnapshotBuilder.unsealed(tx, now: now) }
            })
            var bytes: [UInt8] = []
            timings["encode"] = milliseconds(clock.measure { bytes = SnapshotCodec.encode(snapshot!) })
            timings["sha256"] = milliseconds(clock.measure { _ = Digest.sha256(bytes) })
            var decoded: Snapshot?
            timings["decode"] = milliseconds(try clock.measure { decoded = try SnapshotCodec.decode(bytes) })
            timings["compile"] = milliseconds(try clock.measure { _ = try SnapshotCompiler.compile(decoded!) })
            runs.append(timings)
        }
        report(runs, size: encoded.bytes.count, revision: encoded.revision, runCount: options.runs)
    }

    /// The SQLite part of the store read alone: the same queries, blobs copied out, nothing decoded.
    private static func fetchOnly(_ store: ConfigStore) throws {
        try store.read { tx in
            let rows = try tx.db.query("SELECT api_id, deployment_id, doc FROM stages ORDER BY api_id, name")
            var total = 0
            for row in rows {
                total += try row.blob(2).count
                let content = try tx.db.query("SELECT content FROM deployments WHERE api_id = ? AND id = ?",
                                              [.text(row.text(0)), .text(row.text(1))])
                total += try content.first?.blob(0).count ?? 0
            }
            _ = try tx.db.query("SELECT doc FROM api_keys")
            _ = try tx.db.query("SELECT doc FROM usage_plans")
            precondition(total > 0 || rows.isEmpty)
        }
    }

    private static func report(_ runs: [Run], size: Int, revision: Int64, runCount: Int) {
        func median(_ name: String) -> Double {
            let values = runs.compactMap { $0[name] }.sorted()
            return values.isEmpty ? 0 : values[values.count / 2]
        }
        let total = median("total"), fetch = median("fetch"), read = median("read")
        let encode = median("encode"), sha = median("sha256")
        let parts: [(String, Double)] = [
            ("SQLite fetch", fetch), ("JSON decode of stored documents", max(0, read - fetch)),
            ("JSON encode of the snapshot", max(0, encode - sha)), ("SHA-256 of the body", sha),
        ]
        print("snapshot: \(size) bytes (\(format(Double(size) / 1_048_576)) MiB), revision \(revision); medians of \(runCount) runs")
        print("build + encode (SnapshotBuilder.buildEncoded): \(format(total)) ms  [target < 1000 ms: \(total < 1000 ? "met" : "MISSED")]")
        let sum = max(parts.reduce(0) { $0 + $1.1 }, 0.001)
        for (name, value) in parts {
            print("  \(name): \(format(value)) ms (\(format(100 * value / sum))% of the parts)")
        }
        print("node side: SnapshotCodec.decode \(format(median("decode"))) ms, SnapshotCompiler.compile \(format(median("compile"))) ms")
        if let top = parts.max(by: { $0.1 < $1.1 }) { print("dominant: \(top.0)") }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
