import Synchronization

/// The `Date` header value for "now", formatted once per second and shared by every thread that
/// writes responses (one short lock section per response; formatting happens once a second).
package final class HTTPDateCache: Sendable {
    private let latest = Mutex<(second: Int64, text: String)>((-1, ""))

    package init() {}

    /// IMF-fixdate of the second containing `epochMillis`.
    package func value(epochMillis: Int64) -> String {
        let second = epochMillis >= 0 ? epochMillis / 1000 : (epochMillis - 999) / 1000
        return latest.withLock { latest in
            if latest.second != second { latest = (second, HTTPDate.format(epochSeconds: second)) }
            return latest.text
        }
    }
}
