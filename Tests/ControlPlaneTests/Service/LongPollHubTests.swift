import Synchronization
import Testing
@testable import ControlPlane

@Suite struct LongPollHubTests {
    @Test func answersAtOnceWhenThePollerIsBehind() {
        let hub = LongPollHub(revision: 5)
        #expect(hub.park(after: 4) { _ in Issue.record("must not park") } == nil)
        #expect(hub.parkedCount == 0)
    }

    @Test func publishWakesEveryParkedPollExactlyOnce() {
        let hub = LongPollHub(revision: 1)
        let woken = Mutex<[Int64]>([])
        for _ in 0..<100 {
            #expect(hub.park(after: 1) { revision in woken.withLock { $0.append(revision) } } != nil)
        }
        #expect(hub.parkedCount == 100)
        hub.publish(revision: 2)
        hub.publish(revision: 2)
        #expect(woken.withLock { $0 } == Array(repeating: 2, count: 100))
        #expect(hub.parkedCount == 0)
        #expect(hub.revision == 2)
    }

    @Test func cancelAndPublishNeverBothAnswerAPoll() throws {
        let hub = LongPollHub(revision: 1)
        let wakes = Atomic<Int>(0)
        let token = try #require(hub.park(after: 1) { _ in wakes.add(1, ordering: .relaxed) })
        hub.publish(revision: 3)
        #expect(hub.cancel(token) == false)
        #expect(wakes.load(ordering: .relaxed) == 1)

        let second = try #require(hub.park(after: 3) { _ in wakes.add(1, ordering: .relaxed) })
        #expect(hub.cancel(second) == true)
        hub.publish(revision: 4)
        #expect(wakes.load(ordering: .relaxed) == 1)
    }

    @Test func revisionsNeverGoBackwards() {
        let hub = LongPollHub(revision: 10)
        hub.publish(revision: 7)
        #expect(hub.revision == 10)
        #expect(hub.park(after: 10) { _ in } != nil)
    }
}
