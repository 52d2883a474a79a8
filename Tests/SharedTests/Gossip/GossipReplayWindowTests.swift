import Testing
@testable import Shared

@Suite struct GossipReplayWindowTests {
    /// Checks and, when fresh, records each sequence number; returns the verdicts.
    func feed(_ window: inout GossipReplayWindow, _ sequences: [UInt64]) -> [GossipReplayWindow.Verdict] {
        sequences.map { sequence in
            let verdict = window.check(sequence)
            if verdict == .fresh { window.record(sequence) }
            return verdict
        }
    }

    @Test func acceptsIncreasingSequencesAndRejectsRepeats() {
        var window = GossipReplayWindow(size: 64)
        #expect(feed(&window, [1, 2, 3, 3, 2, 10]) == [.fresh, .fresh, .fresh, .replayed, .replayed, .fresh])
        #expect(window.highest == 10)
    }

    @Test func acceptsOutOfOrderWithinTheWindowOnce() {
        var window = GossipReplayWindow(size: 64)
        #expect(feed(&window, [100, 90, 37, 90, 99, 100, 36]) == [.fresh, .fresh, .fresh, .replayed, .fresh, .replayed, .tooOld])
    }

    @Test func windowEdgeIsExact() {
        var window = GossipReplayWindow(size: 128)
        _ = feed(&window, [1_000])
        #expect(window.check(1_000 - 127) == .fresh)
        #expect(window.check(1_000 - 128) == .tooOld)
    }

    @Test func slidingKeepsHistoryAcrossWordBoundaries() {
        var window = GossipReplayWindow(size: 256)
        _ = feed(&window, [500, 470, 430])
        // Slide by 70 (more than one 64-bit word): 500, 470 and 430 stay remembered.
        _ = feed(&window, [570])
        #expect(window.check(500) == .replayed)
        #expect(window.check(470) == .replayed)
        #expect(window.check(430) == .replayed)
        #expect(window.check(431) == .fresh)
        #expect(window.check(570 - 256) == .tooOld)
        // A jump beyond the window forgets everything below it.
        _ = feed(&window, [10_000])
        #expect(window.check(570) == .tooOld)
        #expect(window.check(9_999) == .fresh)
    }

    @Test func matchesASetBasedModelOnARandomOrder() {
        var window = GossipReplayWindow(size: 128)
        var seen = Set<UInt64>()
        var highest: UInt64 = 0
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let sequence = UInt64.random(in: 1...3_000, using: &generator)
            let expected: GossipReplayWindow.Verdict =
                seen.isEmpty || sequence > highest ? .fresh
                : highest - sequence >= 128 ? .tooOld
                : seen.contains(sequence) ? .replayed : .fresh
            let verdict = window.check(sequence)
            #expect(verdict == expected)
            if verdict == .fresh {
                window.record(sequence)
                seen.insert(sequence)
                highest = max(highest, sequence)
            }
        }
    }
}
