/// An ordered pair of replicas: a transfer's giver and receiver.
package struct ReplicaPair: Hashable, Sendable {
    package let from: ReplicaID
    package let to: ReplicaID

    package init(from: ReplicaID, to: ReplicaID) {
        self.from = from
        self.to = to
    }
}
