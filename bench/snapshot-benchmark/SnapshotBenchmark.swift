import Foundation
import ControlPlane
import Shared

/// `SnapshotBench [--apis N] [--resources N] [--runs N]` (the benchmark executable run by bench/snapshot.sh):
/// times building and encoding the data-plane snapshot for a large synthetic control plane and
/// splits the time into its parts so the report can say what dominates.
///
/// Fills a store in a temporary directory (removed afterwards), then, `runs` times, measures
/// `SnapshotBuilder.buildEncoded` end to end and separately: the SQLite fetch alone, the store read
/// (fetch + JSON decode of stage and deployment documents), `SnapshotCodec.encode`, SHA-256 of the
/// body, the build with a warm `DeploymentJSONCache`, and what a node pays (`SnapshotCodec.decode`,
/// `SnapshotCompiler.compile`). Prints medians.
enum SnapshotBenchmark {
    struct Options {
        var apis = 1000
        var resources = 20
        var runs = 5
    }

    /// Runs the benchmark with command-line `arguments` (after the subcommand); returns the exit status.
    static func main(_ arguments: [String]) -> Int32 {
        guard let options = parse(arguments) else {
            print("usage: SnapshotBench [--apis N] [--resources N] [--runs N]")
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

    /// Named timings of one run in milliseconds: wall clock, and CPU time of the measuring thread
    /// (close to what an idle machine's wall clock would show when other processes compete for cores).
    private struct Run {
        var wall: [String: Double] = [:]
        var cpu: [String: Double] = [:]

        mutating func measure(_ name: String, _ body: () throws -> Void) rethrows {
            let cpuStart = threadCPUNanoseconds()
            let wallStart = ContinuousClock.now
            try body()
            wall[name] = milliseconds(ContinuousClock.now - wallStart)
            cpu[name] = Double(threadCPUNanoseconds() - cpuStart) / 1e6
        }
    }

    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

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
        let cache = DeploymentJSONCache()
        var encoded = try SnapshotBuilder.buildEncoded(store, now: now, cache: cache)  // warm-up, fills the cache
        for _ in 0..<options.runs {
            var run = Run()
            try run.measure("total") { encoded = try SnapshotBuilder.buildEncoded(store, now: now) }
            try run.measure("cached") { encoded = try SnapshotBuilder.buildEncoded(store, now: now, cache: cache) }
            var blobs: [[UInt8]] = []
            try run.measure("fetch") { blobs = try fetchOnly(store) }
            run.measure("hashStored") { for blob in blobs { _ = Digest.sha256(blob) } }
            var snapshot: Snapshot?
            try run.measure("read") { snapshot = try store.read { tx in try SnapshotBuilder.unsealed(tx, now: now) } }
            var bytes: [UInt8] = []
            run.measure("encode") { bytes = SnapshotCodec.encode(snapshot!) }
            run.measure("sha256") { _ = Digest.sha256(bytes) }
            var decoded: Snapshot?
            try run.measure("decode") { decoded = try SnapshotCodec.decode(bytes) }
            try run.measure("compile") { _ = try SnapshotCompiler.compile(decoded!) }
            runs.append(run)
        }
        report(runs, size: encoded.bytes.count, revision: encoded.revision, runCount: options.runs)
    }

    /// The SQLite part of the store read alone: the same queries, blobs copied out, nothing decoded.
    private static func fetchOnly(_ store: ConfigStore) throws -> [[UInt8]] {
        try store.read { tx in
            let rows = try tx.db.query("SELECT api_id, deployment_id, doc FROM stages ORDER BY api_id, name")
            var deployments: [[UInt8]] = []
            for row in rows {
                _ = try row.blob(2)
                let content = try tx.db.query("SELECT content FROM deployments WHERE api_id = ? AND id = ?",
                                              [.text(row.text(0)), .text(row.text(1))])
                deployments.append(try content.first?.blob(0) ?? [])
            }
            _ = try tx.db.query("SELECT doc FROM api_keys")
            _ = try tx.db.query("SELECT doc FROM usage_plans")
            return deployments
        }
    }

    private static func report(_ runs: [Run], size: Int, revision: Int64, runCount: Int) {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        }
        func wall(_ name: String) -> Double { median(runs.compactMap { $0.wall[name] }) }
        func cpu(_ name: String) -> Double { median(runs.compactMap { $0.cpu[name] }) }
        func both(_ name: String) -> String { "\(format(wall(name))) ms wall, \(format(cpu(name))) ms CPU" }

        let parts: [(String, Double)] = [
            ("SQLite fetch", cpu("fetch")), ("JSON decode of stored documents", max(0, cpu("read") - cpu("fetch"))),
            ("JSON encode of the snapshot", max(0, cpu("encode") - cpu("sha256"))), ("SHA-256 of the body", cpu("sha256")),
        ]
        print("snapshot: \(size) bytes (\(format(Double(size) / 1_048_576)) MiB), revision \(revision); medians of \(runCount) runs")
        print("build + encode (SnapshotBuilder.buildEncoded): \(both("total"))  [target < 1000 ms: \(cpu("total") < 1000 ? "met" : "MISSED")]")
        let sum = max(parts.reduce(0) { $0 + $1.1 }, 0.001)
        for (name, value) in parts {
            print("  \(name): \(format(value)) ms CPU (\(format(100 * value / sum))% of the parts)")
        }
        print("with a warm DeploymentJSONCache (the service's steady state): \(both("cached"))")
        let rest = max(0, cpu("cached") - cpu("fetch") - cpu("hashStored") - cpu("sha256"))
        print("  SQLite fetch \(format(cpu("fetch"))) + SHA-256 of stored deployments \(format(cpu("hashStored")))"
              + " + SHA-256 of the body \(format(cpu("sha256"))) + the rest (stage documents, assembly) \(format(rest)) ms CPU")
        print("node side: SnapshotCodec.decode \(both("decode")); SnapshotCompiler.compile \(both("compile"))")
        if let top = parts.max(by: { $0.1 < $1.1 }) { print("dominant: \(top.0)") }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
