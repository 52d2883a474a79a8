/// Escrow rights moved between replicas: `T[from][to]`, each entry monotone, merged by maximum.
///
/// Only replica `from` ever raises `T[from][to]`. The diagonal `T[a][a]` records the rights the
/// mint authority `a` has created; diagonal entries of any other replica are ignored when rights
/// are counted (see `QuotaCounter.rights(of:authority:)`).
package struct TransferMatrix: Sendable, Equatable {
    package private(set) var cells = MaxMap<ReplicaPair>()

    package init() {}

    package init(_ cells: [ReplicaPair: UInt64]) {
        self.cells = MaxMap(cells)
    }

    package subscript(from: ReplicaID, to: ReplicaID) -> UInt64 { cells[ReplicaPair(from: from, to: to)] }

    package var isEmpty: Bool { cells.isEmpty }

    /// Σ_j T[j][replica] for j ≠ replica (saturating).
    package func incoming(to replica: ReplicaID) -> UInt64 {
        cells.entries.reduce(UInt64(0)) { sum, cell in
            cell.key.to == replica && cell.key.from != replica ? MaxMap<ReplicaPair>.saturatingAdd(sum, cell.value) : sum
        }
    }

    /// Σ_j T[replica][j] for j ≠ replica (saturating).
    package func outgoing(from replica: ReplicaID) -> UInt64 {
        cells.entries.reduce(UInt64(0)) { sum, cell in
            cell.key.from == replica && cell.key.to != replica ? MaxMap<ReplicaPair>.saturatingAdd(sum, cell.value) : sum
        }
    }

    /// Raises one cell; returns the delta.
    @discardableResult
    package mutating func raise(from: ReplicaID, to: ReplicaID, value: UInt64) -> TransferMatrix {
        var delta = TransferMatrix()
        delta.cells = cells.raise(ReplicaPair(from: from, to: to), to: value)
        return delta
    }

    /// Joins `other`; returns the cells that grew.
    @discardableResult
    package mutating func merge(_ other: TransferMatrix) -> TransferMatrix {
        var delta = TransferMatrix()
        delta.cells = cells.merge(other.cells)
        return delta
    }
}
