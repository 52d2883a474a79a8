/// A request for escrow rights on one counter: how many the sender would like to hold.
package struct RightsRequest: Equatable, Sendable {
    package let key: QuotaCounterKey
    package let want: UInt64

    package init(key: QuotaCounterKey, want: UInt64) {
        self.key = key
        self.want = want
    }
}
