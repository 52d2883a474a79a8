import DataPlane
import Shared

/// The whole request path without sockets: `RequestPipeline.handle` (routing, the route's chain, a
/// MOCK integration, decoration) on one thread, for a keyed route with limits on and off and for
/// an open route with limits on and off (with limits off it carries no filter at all).
enum PipelineBenchmark {
    /// An invoker MOCK never calls.
    struct NoInvoker: IntegrationInvoker {
        func invoke(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, IntegrationFailure>) -> Void) {
            completion(.failure(.connectionFailed("no invoker")))
        }
    }

    /// The status the (synchronous) completion saw; one thread only.
    final class LastStatus: @unchecked Sendable {
        // Safe: written and read on the benchmark's one thread (MOCK completes synchronously).
        var status = 0
    }

    static func run(limits: NodeLimits, snapshot: CompiledSnapshot, keyed: HTTPRequest, requests: Int) {
        let pipeline = RequestPipeline(configuration: PipelineConfiguration(), invoker: NoInvoker())
        let open = HTTPRequest(head: HTTPRequestHead(method: .GET, target: "/v1/open", headers: HTTPHeaders([("Host", "benchapi01.execute-api.localhost")])))
        let connection = ClientConnection(remoteAddress: "127.0.0.1", remotePort: 1, localPort: 2)
        let on = pipeline.chains(for: snapshot, features: limits.filterFactories(for: snapshot))
        let off = pipeline.chains(for: snapshot, features: limits.apiKeyFilterFactories(for: snapshot))
        func time(_ request: HTTPRequest, _ chains: RouteChains) -> (Double, Int) {
            var ok = 0
            let start = Syscall.monotonicNanos()
            let last = LastStatus()
            for _ in 0..<requests {
                pipeline.handle(request, connection: connection, snapshot: snapshot, chains: chains) { last.status = $0.status }
                if last.status == 200 { ok += 1 }
            }
            return (Double(Syscall.monotonicNanos() - start) / Double(requests) / 1000, ok)
        }
        _ = time(keyed, on)
        let cases = [("keyed, limits on ", keyed, on), ("keyed, limits off", keyed, off), ("open,  limits on ", open, on),
                     ("open,  limits off (no filters)", open, off)]
        print("whole pipeline (routing, chain, MOCK, decoration), \(requests) requests each:")
        for (label, request, chains) in cases {
            let (micros, ok) = time(request, chains)
            print(String(format: "  %@ %.2f µs per request (%d of %d answered 200)", label, micros, ok, requests))
        }
    }
}
