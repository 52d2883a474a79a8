import Shared

/// What one loop serves requests from: a compiled snapshot, the pipeline, and every route's
/// compiled chain for that snapshot.
///
/// Immutable and built once per applied snapshot, off the event loops: the chains (the built-in
/// filters, the node's features such as API keys and limits, each route's integration) are made
/// for this snapshot, so a request that reads this object once runs every filter against the same
/// configuration it was routed by. `ServingSlots` hands the one reference to every loop.
package final class ServingConfiguration: Sendable {
    package let snapshot: CompiledSnapshot
    package let pipeline: RequestPipeline
    package let chains: RouteChains

    /// Builds the chains of `snapshot` with `features` (the default chain is always included).
    package init(snapshot: CompiledSnapshot, pipeline: RequestPipeline, features: [any FilterFactory] = []) {
        self.snapshot = snapshot
        self.pipeline = pipeline
        chains = pipeline.chains(for: snapshot, features: features)
    }

    package var revision: Int64 { snapshot.revision }

    /// Serves `request` on this configuration (see `RequestPipeline.handle`).
    package func handle(_ request: HTTPRequest, connection: ClientConnection, eventLoop: EventLoop?,
                        completion: @escaping @Sendable (HTTPResponse) -> Void) {
        pipeline.handle(request, connection: connection, snapshot: snapshot, chains: chains, eventLoop: eventLoop, completion: completion)
    }
}
