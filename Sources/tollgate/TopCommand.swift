import Foundation
import Shared

/// `tollgate top --nodes URL[,URL…] [--interval SECONDS] [--frames N]`: a live view of the cluster
/// (`TopView`), refreshed in place every `--interval` seconds (default 2) from each node's
/// `GET /_tollgate/metrics` (the node's API URL, or its `--metrics-listen` one). `--frames N`
/// stops after N frames (scripts, tests); the first frame comes after the second scrape, since a
/// rate needs two. Ctrl-C stops it, and so does losing its output (a closed terminal or pipe: a write
/// that fails ends it). `https://` URLs (a node's `--tls-listen`) are verified against
/// the system store plus `--ca-file`.
enum TopCommand {
    static let flags: Set<String> = ["nodes", "interval", "frames", "ca-file"]

    struct Target: Sendable {
        let name: String
        let host: String
        let port: Int
        var isTLS = false
    }

    static func run(_ arguments: [String]) throws {
        let options = try CommandOptions(arguments, known: flags)
        guard let list = options.value("nodes"), !list.isEmpty else {
            throw UsageError("--nodes is required: the nodes' URLs, comma-separated (http://HOST:PORT, the API listener or --metrics-listen)")
        }
        let targets = try list.split(separator: ",").map { try target(String($0)) }
        let interval = try options.value("interval").map { text -> Double in
            guard let seconds = Double(text), seconds >= 0.2, seconds <= 3600 else { throw UsageError("--interval takes seconds between 0.2 and 3600") }
            return seconds
        } ?? 2
        let frames = try options.value("frames").map { text -> Int in
            guard let count = Int(text), count > 0 else { throw UsageError("--frames takes a positive number") }
            return count
        }
        let tls = try AdminToolCommand.clientContexts(options)
        blockOn { await loop(targets, interval: interval, frames: frames, tls: tls) }
    }

    static func target(_ url: String) throws(UsageError) -> Target {
        guard let endpoint = HTTPEndpoint.parse(url) else {
            throw UsageError("--nodes: '\(url)' is not an http://HOST:PORT or https://HOST:PORT URL")
        }
        return Target(name: "\(endpoint.host):\(endpoint.port)", host: endpoint.host, port: endpoint.port, isTLS: endpoint.isTLS)
    }

    static func loop(_ targets: [Target], interval: Double, frames: Int?, tls: TLSClientContexts? = TLSClientContexts.system) async {
        let group = EventLoopGroup(threads: 1)
        var configuration = HTTPClient.Configuration()
        configuration.tls = tls
        let client = HTTPClient(group: group, configuration: configuration)
        var previous: [String: [PrometheusSample]] = [:]
        var previousTime = ContinuousClock.now
        var shown = 0
        var first = true
        while frames.map({ shown < $0 }) ?? true {
            let scrapes = await scrape(targets, client: client)
            let now = ContinuousClock.now
            if !first {
                let elapsed = now - previousTime
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let title = "tollgate top — \(targets.count) node(s), every \(interval)s — \(clockTime())"
                let frame = TopView.render(title: title, previous: previous, current: scrapes, seconds: seconds)
                // Home and clear, then the frame: refreshes in place on a terminal.
                let bytes = Array(("\u{1B}[H\u{1B}[2J" + frame).utf8)
                var written = 0
                while written < bytes.count {
                    // Safe: the range starts at `written` < count and spans the rest of the array.
                    let count = bytes.withUnsafeBytes { write(1, $0.baseAddress! + written, $0.count - written) }
                    if count < 0, errno == EINTR || errno == EAGAIN { continue }
                    if count <= 0 { break }
                    written += count
                }
                // The terminal or pipe is gone (EIO after a hang-up, EPIPE): nobody is watching, stop
                // instead of scraping the nodes forever.
                if written < bytes.count { break }
                shown += 1
            }
            first = false
            previous = Dictionary(scrapes.compactMap { scrape in scrape.samples.map { (scrape.name, $0) } }, uniquingKeysWith: { $1 })
            previousTime = now
            if frames.map({ shown >= $0 }) ?? false { break }
            try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
        }
        await client.shutdown()
        group.shutdown()
    }

    static func scrape(_ targets: [Target], client: HTTPClient) async -> [TopView.Scrape] {
        await withTaskGroup(of: (Int, TopView.Scrape).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask {
                    let request = HTTPClientRequest(isTLS: target.isTLS, host: target.host, port: target.port, target: "/_tollgate/metrics",
                                                    headers: ["Host": "\(target.host):\(target.port)"],
                                                    connectTimeout: .seconds(2), responseTimeout: .seconds(5))
                    do {
                        let response = try await client.execute(request)
                        guard response.status == 200 else {
                            return (index, TopView.Scrape(name: target.name, samples: nil, error: "status \(response.status)"))
                        }
                        return (index, TopView.Scrape(name: target.name, samples: PrometheusSample.parse(String(decoding: response.body, as: UTF8.self))))
                    } catch {
                        return (index, TopView.Scrape(name: target.name, samples: nil, error: "\(error)"))
                    }
                }
            }
            var results: [(Int, TopView.Scrape)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    static func clockTime() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss 'UTC'"
        return formatter.string(from: Date())
    }
}
