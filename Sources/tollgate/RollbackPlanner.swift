/// Where `tollgate rollback` (without `--to`) moves a stage: one step back along its chain.
///
/// The chain is the sequence of deployments the stage moved *forward* through, rebuilt from its
/// history (oldest first): creating the stage starts it; a move to a deployment not in the chain
/// (a new deployment, or an older one reached by any means other than going back) appends it; a move
/// to a deployment already in the chain — a rollback, `--to` an earlier one, or an UpdateStage that
/// goes back — truncates the chain to it; deleting the stage clears it. "Previous" is the element
/// before the current deployment: the deployment the stage had before the current one was first put
/// there by a forward move. So repeated rollbacks walk v3 → v2 → v1 and then stop, instead of
/// toggling between the last two deployments. Pure; table-tested.
enum RollbackPlanner {
    /// One change of the stage's deployment: `from` nil is a creation, `to` nil a deletion.
    struct Move: Equatable {
        let from: String?
        let to: String?
    }

    /// The deployments the stage moved forward through, oldest first, ending at its current one.
    static func chain(_ history: [Move]) -> [String] {
        var chain: [String] = []
        for move in history {
            guard let to = move.to else {
                chain = []
                continue
            }
            if move.from == nil {
                chain = [to]
            } else if let index = chain.lastIndex(of: to) {
                chain.removeSubrange((index + 1)...)
            } else {
                chain.append(to)
            }
        }
        return chain
    }

    /// The deployment to roll back to from `current`, or nil when there is no earlier one.
    static func previous(history: [Move], current: String) -> String? {
        let chain = chain(history)
        if chain.last == current { return chain.count >= 2 ? chain[chain.count - 2] : nil }
        // History that does not end at the current deployment (written by an older build, or
        // edited): fall back to where the newest move onto it came from.
        return history.last { $0.to == current }?.from
    }
}
