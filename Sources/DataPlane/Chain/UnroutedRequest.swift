import Shared

/// A request that found its stage but no route of it (an unknown resource, a path above the
/// stage, a refused dot segment, the execute-api endpoint disabled): what a stage-level
/// completion hook learns about it, since it never gets an `Invocation` or a chain.
package struct UnroutedRequest: Sendable {
    package let request: HTTPRequest
    package let connection: ClientConnection
    package let stage: CompiledStage
    /// The path after the stage as far as routing got (`/nothing/here`; `/` for the root).
    package let path: String
    package let identifiers: RequestIdentifiers
    package let requestTimeEpochMillis: Int64
    package let accountId: String
    /// The custom domain's base path that routed the request (`(none)` for the empty one); nil
    /// when it came through an invoke URL.
    package var basePathMatched: String?

    package init(request: HTTPRequest, connection: ClientConnection, stage: CompiledStage, path: Substring,
                 identifiers: RequestIdentifiers, requestTimeEpochMillis: Int64, accountId: String) {
        self.request = request
        self.connection = connection
        self.stage = stage
        self.path = path.isEmpty ? "/" : String(path)
        self.identifiers = identifiers
        self.requestTimeEpochMillis = requestTimeEpochMillis
        self.accountId = accountId
    }
}

/// The completion hook of a stage's unrouted requests (access logs; docs/request-lifecycle.md, "The chain").
///
/// Made per snapshot and stage by a `FilterFactory` that also conforms to `StageCompletionFactory`,
/// off the loops; called after the error response was handed to the connection, on the loop.
package protocol UnroutedCompletionHook: Sendable {
    func onCompletion(_ record: CompletionRecord, unrouted: UnroutedRequest)
}

/// A factory whose feature also observes a stage's requests that match no route.
package protocol StageCompletionFactory: Sendable {
    func makeUnroutedHook(on stage: CompiledStage) -> (any UnroutedCompletionHook)?
}
