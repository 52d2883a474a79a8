import Shared

/// Which hooks a filter implements; the chain calls only those (a route whose filters observe no
/// response reads no clock and captures no invocation for one).
package struct FilterHooks: OptionSet, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let request = FilterHooks(rawValue: 1)
    package static let response = FilterHooks(rawValue: 2)
    package static let completion = FilterHooks(rawValue: 4)
}

/// One step of a route's compiled chain (Envoy's filter shape; docs/request-lifecycle.md, "The chain").
///
/// A value of this type is the filter's **immutable compiled config**, made by its `FilterFactory`
/// per snapshot and per route, off the event loops, and shared by every request and loop. What one
/// request needs to remember lives in that request's `Invocation` (its typed `slots` carry facts to
/// later filters, `InvocationSlots`), so a filter allocates nothing per request unless it must.
///
/// Hooks, each with a default that does nothing, all on the request's event loop, never blocking:
/// - `onRequest` (in phase order): continue, respond, fail, or suspend and resume later on the same loop;
/// - `onResponse` (reverse order, also for errors and early answers): may rewrite status, headers, body;
/// - `onCompletion` (after the response was handed to the connection): the final `CompletionRecord`.
/// A filter lists the hooks it implements in `hooks` (default: the request hook only).
package protocol RequestFilter: Sendable {
    /// For logs and metrics (`apiKey`, `throttle`, …).
    var name: String { get }
    var hooks: FilterHooks { get }
    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome
    func onResponse(_ response: inout HTTPResponse, invocation: Invocation)
    func onCompletion(_ record: CompletionRecord, invocation: Invocation)
}

extension RequestFilter {
    package var hooks: FilterHooks { .request }
    package func onRequest(_ invocation: inout Invocation) -> PhaseOutcome { .proceed }
    package func onResponse(_ response: inout HTTPResponse, invocation: Invocation) {}
    package func onCompletion(_ record: CompletionRecord, invocation: Invocation) {}
}
