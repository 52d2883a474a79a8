#if canImport(Glibc)
import Glibc
#endif
import Shared
import Synchronization

/// Carries access log lines off the event loops: bounded buffers that requests append to, and
/// one writer thread that empties them into the destinations' files (docs/operations.md, "Access logs").
///
/// `submit` runs on whichever thread completes a request (an event loop, an invoker's thread): it
/// picks the buffer of its thread (`shardCount` buffers, chosen by thread, so loops rarely share
/// one), holds that buffer's lock for one append and never waits for I/O. A buffer holds at most
/// `bufferBytes`; a line that does not fit is dropped and counted (`droppedLines`), never waited
/// for. The writer thread (`start()`) wakes every `flushInterval`, swaps each buffer for an empty
/// one and writes the lines; `shutdown()` stops it after a last flush, so lines submitted before
/// it are written. Drops are reported in the node's log at most once per flush that saw new ones.
package final class AccessLogWriter: Sendable {
    /// Lines waiting in one buffer, in submission order.
    private struct Buffer {
        var lines: [(AccessLogDestination, [UInt8])] = []
        var bytes = 0
    }

    /// One buffer behind its lock (a class: `Mutex` cannot sit in an array).
    private final class Shard: Sendable {
        let buffer = Mutex(Buffer())
    }

    private let buffers: [Shard]
    private let bufferBytes: Int
    private let flushInterval: Duration
    private let directory: String?
    private let log: @Sendable (String) -> Void
    private let dropped = Atomic<UInt64>(0)
    private let written = Atomic<UInt64>(0)
    private let failed = Atomic<UInt64>(0)
    private let stopping = Atomic<Bool>(false)
    private let thread = Mutex<pthread_t?>(nil)

    /// Default bytes per buffer: 1 MiB, several seconds of lines at tens of thousands of requests/s per loop.
    package static let defaultBufferBytes = 1 << 20

    /// `directory`: `--access-log-dir` (nil: standard output, each line prefixed `access-log {group} `).
    package init(directory: String?, shardCount: Int, bufferBytes: Int = AccessLogWriter.defaultBufferBytes,
                 flushInterval: Duration = .milliseconds(50), log: @escaping @Sendable (String) -> Void) {
        self.directory = directory
        buffers = (0..<max(1, shardCount)).map { _ in Shard() }
        self.bufferBytes = max(1, bufferBytes)
        self.flushInterval = flushInterval
        self.log = log
    }

    /// Lines dropped because their buffer was full (since start).
    package var droppedLines: UInt64 { dropped.load(ordering: .relaxed) }
    /// Lines written to their destination.
    package var writtenLines: UInt64 { written.load(ordering: .relaxed) }
    /// Lines whose destination could not be opened or written.
    package var failedLines: UInt64 { failed.load(ordering: .relaxed) }

    /// Queues `line` (one rendered line, newline included) for `destination`; drops it when the
    /// calling thread's buffer is full. Any thread; never blocks on I/O.
    package func submit(_ line: [UInt8], to destination: AccessLogDestination) {
        let size = line.count
        let accepted = buffers[shard()].buffer.withLock { buffer -> Bool in
            guard buffer.bytes + size <= bufferBytes else { return false }
            buffer.lines.append((destination, line))
            buffer.bytes += size
            return true
        }
        if !accepted { dropped.add(1, ordering: .relaxed) }
    }

    /// Starts the writer thread. Call once.
    package func start() {
        thread.withLock { running in
            guard running == nil else { return }
            running = Syscall.spawnThread(name: "tollgate-accesslog") { [self] in run() }
        }
    }

    /// Stops the writer thread after a last flush (lines submitted before this call are written),
    /// then closes the files. Without a running thread, flushes on the caller's thread.
    package func shutdown() {
        stopping.store(true, ordering: .releasing)
        if let running = thread.withLock({ thread -> pthread_t? in defer { thread = nil }; return thread }) {
            Syscall.join(running)
        } else {
            let files = AccessLogFiles(directory: directory, log: log)
            flush(into: files)
            files.closeAll()
        }
    }

    private func run() {
        let files = AccessLogFiles(directory: directory, log: log)
        var reportedDrops: UInt64 = 0
        let pause = timespec(tv_sec: Int(flushInterval.nanoseconds / 1_000_000_000),
                             tv_nsec: Int(flushInterval.nanoseconds % 1_000_000_000))
        while !stopping.load(ordering: .acquiring) {
            var request = pause
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
            flush(into: files)
            let drops = droppedLines
            if drops != reportedDrops {
                log("access log: \(drops - reportedDrops) lines dropped (buffers full), \(drops) since start")
                reportedDrops = drops
            }
        }
        flush(into: files)
        files.closeAll()
    }

    /// Empties every buffer into the files: one write per destination per buffer.
    private func flush(into files: AccessLogFiles) {
        for shard in buffers {
            let lines = shard.buffer.withLock { buffer -> [(AccessLogDestination, [UInt8])] in
                defer { buffer = Buffer() }
                return buffer.lines
            }
            guard !lines.isEmpty else { continue }
            var grouped: [AccessLogDestination: (bytes: [UInt8], count: UInt64)] = [:]
            var order: [AccessLogDestination] = []
            for (destination, line) in lines {
                if grouped[destination] == nil { order.append(destination) }
                grouped[destination, default: ([], 0)].bytes += line
                grouped[destination]!.count += 1
            }
            for destination in order {
                guard let batch = grouped[destination] else { continue }
                if files.write(batch.bytes, to: destination) {
                    written.add(batch.count, ordering: .relaxed)
                } else {
                    failed.add(batch.count, ordering: .relaxed)
                }
            }
        }
    }

    /// The calling thread's buffer: its `pthread_t` mixed (thread descriptors sit at aligned addresses).
    private func shard() -> Int {
        guard buffers.count > 1 else { return 0 }
        let mixed = (UInt64(Syscall.currentThread()) &* 0x9E37_79B9_7F4A_7C15) >> 32
        return Int(mixed % UInt64(buffers.count))
    }
}
