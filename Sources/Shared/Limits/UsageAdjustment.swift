/// A last-writer-wins register for UpdateUsage (`/remaining`): requests added to (or, negative,
/// removed from) a period's limit. Written only by the control plane.
///
/// Merge keeps the higher `version`; equal versions keep the larger `amount`, so merge stays
/// commutative even if two writes ever shared a version. The control plane uses wall-clock
/// milliseconds (bumped past the previous version) so versions survive its restarts.
package struct UsageAdjustment: Sendable, Equatable {
    package let version: UInt64
    package let amount: Int64

    package init(version: UInt64 = 0, amount: Int64 = 0) {
        self.version = version
        self.amount = amount
    }

    package var isEmpty: Bool { version == 0 && amount == 0 }

    /// Whether `other` wins over `self`.
    package func isSuperseded(by other: UsageAdjustment) -> Bool {
        other.version > version || (other.version == version && other.amount > amount)
    }
}
