import Synchronization
import Shared

/// The connections this node owns, by connection id: what `@connections` reaches and what a
/// drain closes. Thread-safe (one mutex; held only to add, remove or look up an entry).
package final class WebSocketRegistry: Sendable {
    /// One open connection: its fixed facts, its last activity, and the loop-confined session.
    package struct Entry: Sendable {
        package let info: WebSocketConnectionInfo
        package let activity: WebSocketActivity
        let client: LoopBound<WebSocketClient>
    }

    private let entries = Mutex<[String: Entry]>([:])

    package init() {}

    func insert(_ entry: Entry) {
        entries.withLock { $0[entry.info.connectionId] = entry }
    }

    @discardableResult
    func remove(_ connectionId: String) -> Entry? {
        entries.withLock { $0.removeValue(forKey: connectionId) }
    }

    package func entry(_ connectionId: String) -> Entry? {
        entries.withLock { $0[connectionId] }
    }

    package var count: Int { entries.withLock { $0.count } }

    var all: [Entry] { entries.withLock { Array($0.values) } }
}

/// When a connection last carried a message (wall-clock epoch milliseconds), for GetConnection's
/// `lastActiveAt`. Written on the connection's loop, read from any thread.
package final class WebSocketActivity: Sendable {
    private let millis: Atomic<Int64>

    init(_ now: Int64) { millis = Atomic(now) }

    package var lastActiveMillis: Int64 { millis.load(ordering: .relaxed) }

    func touch(_ now: Int64) { millis.store(now, ordering: .relaxed) }
}
