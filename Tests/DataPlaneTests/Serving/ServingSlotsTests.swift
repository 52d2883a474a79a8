import Testing
@testable import DataPlane
@testable import Shared

@Suite(.timeLimit(.minutes(1))) struct ServingSlotsTests {
    static func configuration(revision: Int64) throws -> ServingConfiguration {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(), invoker: RecordingInvoker())
        return ServingConfiguration(snapshot: try SyncFixtures.compiled(revision: revision), pipeline: pipeline)
    }

    /// What `current(on:)` returns when called on `loop`'s own thread.
    static func revisionSeen(on loop: EventLoop, _ slots: ServingSlots) async -> Int64? {
        await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: slots.current(on: loop)?.revision) }
        }
    }

    @Test func nothingIsServedBeforeTheFirstPublish() async {
        let group = EventLoopGroup(threads: 2)
        defer { group.shutdown() }
        let slots = ServingSlots(loops: group.loops)
        #expect(slots.latest == nil)
        for loop in group.loops { #expect(await Self.revisionSeen(on: loop, slots) == nil) }
    }

    @Test func publishAndWaitReturnsOnceEveryLoopHoldsTheNewConfiguration() async throws {
        let group = EventLoopGroup(threads: 3)
        defer { group.shutdown() }
        let slots = ServingSlots(loops: group.loops)
        #expect(slots.publishAndWait(try Self.configuration(revision: 1)))
        for loop in group.loops { #expect(await Self.revisionSeen(on: loop, slots) == 1) }
        #expect(slots.publishAndWait(try Self.configuration(revision: 2)))
        for loop in group.loops { #expect(await Self.revisionSeen(on: loop, slots) == 2) }
    }

    @Test func racingPublishesLeaveEveryLoopOnTheLastOne() async throws {
        let group = EventLoopGroup(threads: 3)
        defer { group.shutdown() }
        let slots = ServingSlots(loops: group.loops)
        let configurations = try (1...40).map { try Self.configuration(revision: Int64($0)) }
        await withTaskGroup(of: Void.self) { tasks in
            for configuration in configurations {
                tasks.addTask { slots.publishAndWait(configuration) }
            }
        }
        let last = try #require(slots.latest)
        for loop in group.loops {
            let seen = await withCheckedContinuation { continuation in
                loop.execute { continuation.resume(returning: slots.current(on: loop) === last) }
            }
            #expect(seen, "a loop kept an older configuration than the last published")
        }
    }

    @Test func callersOffTheLoopsReadTheLatestPublished() throws {
        let group = EventLoopGroup(threads: 1)
        defer { group.shutdown() }
        let slots = ServingSlots(loops: group.loops)
        slots.publishAndWait(try Self.configuration(revision: 9))
        #expect(slots.current(on: group.loops[0])?.revision == 9)
    }
}
