import Glibc
import Shared
import Synchronization

/// Sends finished spans off the event loops: `submit` appends to a bounded buffer (full: the span
/// is dropped and counted, the request never waits), a background task drains it every
/// `interval` in batches of at most `batchSize` spans, each batch one OTLP/HTTP JSON
/// `ExportTraceServiceRequest` to the sink — a collector's `/v1/traces` (`--otlp-endpoint`), or
/// standard output, one document per line prefixed `otlp-traces ` when no collector is given.
package final class TraceExporter: Sendable {
    package enum Sink: Sendable {
        case collector(client: HTTPClient, endpoint: LambdaEndpoint)
        case standardOutput
        /// Tests: every document, in order.
        case capture(@Sendable ([UInt8]) -> Void)
    }

    package static let defaultCapacity = 4096
    package static let defaultBatchSize = 512

    private let sink: Sink
    private let nodeId: String
    private let capacity: Int
    private let batchSize: Int
    private let interval: Duration
    private let log: @Sendable (String) -> Void
    private let buffer = Mutex<[TraceSpan]>([])
    private let droppedCount = Atomic<Int>(0)
    private let failedCount = Atomic<Int>(0)
    private let exportedCount = Atomic<Int>(0)
    private let task = Mutex<Task<Void, Never>?>(nil)

    package init(sink: Sink, nodeId: String, capacity: Int = defaultCapacity, batchSize: Int = defaultBatchSize,
                 interval: Duration = .seconds(1), log: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        self.nodeId = nodeId
        self.capacity = capacity
        self.batchSize = batchSize
        self.interval = interval
        self.log = log
    }

    /// Spans dropped because the buffer was full.
    package var droppedSpans: Int { droppedCount.load(ordering: .relaxed) }
    /// Spans in batches the collector refused or could not be reached for (dropped, not retried).
    package var failedSpans: Int { failedCount.load(ordering: .relaxed) }
    /// Spans the sink accepted.
    package var exportedSpans: Int { exportedCount.load(ordering: .relaxed) }

    package func submit(_ span: TraceSpan) {
        let accepted = buffer.withLock { spans -> Bool in
            guard spans.count < capacity else { return false }
            spans.append(span)
            return true
        }
        if !accepted { droppedCount.add(1, ordering: .relaxed) }
    }

    /// Starts the background flush. Call once.
    package func start() {
        let interval = interval
        let started = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await flush()
            }
        }
        task.withLock { $0 = started }
    }

    /// Stops the background flush and sends what is buffered.
    package func shutdown() async {
        let running = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
        await flush()
    }

    /// Sends everything buffered now, batch by batch.
    package func flush() async {
        while true {
            let batch = buffer.withLock { spans -> [TraceSpan] in
                let taken = Array(spans.prefix(batchSize))
                spans.removeFirst(taken.count)
                return taken
            }
            if batch.isEmpty { return }
            let document = TraceSpan.document(batch, nodeId: nodeId)
            if await send(document) {
                exportedCount.add(batch.count, ordering: .relaxed)
            } else {
                failedCount.add(batch.count, ordering: .relaxed)
            }
        }
    }

    private func send(_ document: [UInt8]) async -> Bool {
        switch sink {
        case .capture(let capture):
            capture(document)
            return true
        case .standardOutput:
            let line = Array("otlp-traces ".utf8) + document + [UInt8(ascii: "\n")]
            return AccessLogFiles.writeAll(STDOUT_FILENO, line)
        case .collector(let client, let endpoint):
            var headers = HTTPHeaders()
            headers.add("Host", endpoint.hostHeader)
            headers.add("Content-Type", "application/json")
            let request = HTTPClientRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .POST,
                                            target: endpoint.basePath.isEmpty ? "/v1/traces" : endpoint.basePath,
                                            headers: headers, body: document, responseTimeout: .seconds(10))
            do {
                let response = try await client.execute(request)
                guard (200..<300).contains(response.status) else {
                    log("trace export: the collector answered \(response.status); \(document.count) bytes of spans dropped")
                    return false
                }
                return true
            } catch {
                log("trace export: \(error); spans dropped")
                return false
            }
        }
    }
}
