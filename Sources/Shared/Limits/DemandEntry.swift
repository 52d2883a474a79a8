/// One key's demand as gossiped: the limiter key's fingerprint and requests per second.
package struct DemandEntry: Hashable, Sendable {
    package let fingerprint: UInt64
    package let rate: Double

    package init(fingerprint: UInt64, rate: Double) {
        self.fingerprint = fingerprint
        self.rate = rate
    }
}
