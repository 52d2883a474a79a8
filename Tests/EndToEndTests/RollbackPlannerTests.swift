import Testing
@testable import tollgate

/// Which deployment `tollgate rollback` picks: one step back along the stage's chain.
@Suite struct RollbackPlannerTests {
    typealias Move = RollbackPlanner.Move

    static func moves(_ pairs: [(String?, String?)]) -> [Move] { pairs.map { Move(from: $0.0, to: $0.1) } }

    @Test func repeatedRollbacksWalkBackInsteadOfToggling() {
        var history = Self.moves([(nil, "v1"), ("v1", "v2"), ("v2", "v3")])
        var current = "v3"
        var visited: [String] = []
        while let previous = RollbackPlanner.previous(history: history, current: current) {
            visited.append(previous)
            history.append(Move(from: current, to: previous))
            current = previous
            if visited.count > 5 { break }
        }
        #expect(visited == ["v2", "v1"])
    }

    @Test(arguments: [
        // (history, current, expected previous)
        ([(nil, "v1")], "v1", nil),
        ([(nil, "v1"), ("v1", "v2")], "v2", "v1"),
        // a new deployment after a rollback extends the chain from where the stage was
        ([(nil, "a"), ("a", "b"), ("b", "c"), ("c", "b"), ("b", "d")], "d", "b"),
        ([(nil, "a"), ("a", "b"), ("b", "c"), ("c", "b"), ("b", "d"), ("d", "b")], "b", "a"),
        // --to an earlier deployment, or an UpdateStage back to it, counts as going back
        ([(nil, "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")], "b", "a"),
        // a deleted and recreated stage starts a new chain
        ([(nil, "a"), ("a", "b"), ("b", nil), (nil, "c")], "c", nil),
        // history that does not end at the current deployment: where the newest move onto it came from
        ([(nil, "a"), ("a", "b")], "x", nil),
        ([(nil, "a"), ("x", "b"), ("b", "c")], "b", "x"),
    ] as [([(String?, String?)], String, String?)])
    func previousDeployment(history: [(String?, String?)], current: String, expected: String?) {
        #expect(RollbackPlanner.previous(history: Self.moves(history), current: current) == expected)
    }
}
