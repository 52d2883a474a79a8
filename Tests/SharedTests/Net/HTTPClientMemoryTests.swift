import Testing
@testable import Shared

/// `HTTPClient` counts response bodies against the node's budget while they arrive.
@Suite("HTTPClient body memory", .timeLimit(.minutes(1)))
struct HTTPClientMemoryTests {
    static func fetch(_ client: HTTPClient, port: Int, _ target: String) async -> Result<HTTPResponse, HTTPClientError> {
        do {
            return .success(try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, target: target)))
        } catch {
            return .failure(error)
        }
    }

    @Test func aResponseBodyPastTheBudgetFailsTheRequestAndGivesItsBytesBack() async throws {
        let upstream = try TestServer(threads: 1)
        let budget = BodyMemoryBudget(limit: 50_000)
        let group = EventLoopGroup(threads: 1)
        let client = HTTPClient(group: group, configuration: .init(bodyBudget: budget))
        #expect(await Self.fetch(client, port: upstream.port, "/bytes/100000") == .failure(.bufferBudgetExceeded))
        #expect(budget.usedBytes == 0)
        // A body that fits is delivered whole, and its count leaves with it.
        let small = await Self.fetch(client, port: upstream.port, "/bytes/20000")
        #expect((try? small.get().body.count) == 20_000)
        #expect(budget.usedBytes == 0)
        await client.shutdown()
        group.shutdown()
        await upstream.stop()
    }
}
