import Shared

/// What one loop serves requests from: a compiled snapshot and the pipeline built for it.
///
/// Immutable and built once per applied snapshot, off the event loops: the method-request phases
/// (API keys, throttles…) are made for this snapshot by the node's phase factory, so a request
/// that reads this object once runs every phase against the same configuration it was routed by.
package final class ServingConfiguration: Sendable {
    package let snapshot: CompiledSnapshot
    package let pipeline: RequestPipeline

    package init(snapshot: CompiledSnapshot, pipeline: RequestPipeline) {
        self.snapshot = snapshot
        self.pipeline = pipeline
    }

    package var revision: Int64 { snapshot.revision }
}
