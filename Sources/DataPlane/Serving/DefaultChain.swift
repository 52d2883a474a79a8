import Shared

/// The data plane's default chain: what every route gets whatever the node plugs in.
///
/// `builtIn` holds the protections that are never optional: `AccessRefusalFilter` (resource
/// policy and authorizer slots) refuses every method whose protection Tollgate does not enforce
/// yet, so no `--limits` setting or feature list can serve such a method open;
/// `PolicyAuthorizationFilter` (resource policy slot) verifies `AWS_IAM` signatures and evaluates
/// identity and resource policies over the snapshot's IAM principals; `AuthorizerFilterFactory`
/// runs Lambda and Cognito authorizers;
/// `RequestValidationFilter` (validation slot), since a validator the admin API accepted is always
/// enforced; `StageCacheFilter` (cache slot), since an accepted cache setting is always honoured;
/// and for `minimumCompressionSize`, `RequestDecompressionFilter` (decompression slot, before
/// validation) and `ResponseCompressionFilter`, first so its response hook runs after every other.
/// The node's features
/// (API keys, throttles and quotas from `NodeLimits.filterFactories(for:)`) join them, and
/// `factories(features:configuration:)` adds `AccessLogFilterFactory` (routes of stages with
/// `accessLogSettings`, when the node has a writer) and `ExecutionLogFilterFactory` (routes whose
/// method setting has `loggingLevel` INFO or ERROR, same writer) and `TracingFilterFactory` (routes of
/// stages with `tracingEnabled`, when the node has an exporter), and orders the lot by `ChainPhase` (stable:
/// same-slot factories keep their order).
package enum DefaultChain {
    /// The filters no configuration removes. `snapshot` supplies the IAM principals (nil: none, so
    /// every `AWS_IAM` call is refused); `invoker` carries the authorizers' Lambda calls and JWKS
    /// fetches (without one, every authorizer answers 500 and lets nothing through).
    package static func builtIn(_ configuration: PipelineConfiguration, snapshot: CompiledSnapshot? = nil,
                                invoker: (any IntegrationInvoker)? = nil) -> [any FilterFactory] {
        let policies = PolicyAuthorizationFilterFactory(configuration: configuration, snapshot: snapshot)
        return [ResponseCompressionFilterFactory(), AccessRefusalFilterFactory(configuration: configuration), policies,
                AuthorizerFilterFactory(configuration: configuration, invoker: invoker ?? UnavailableInvoker()),
                RequestDecompressionFilterFactory(budget: configuration.bodyBudget), RequestValidationFilterFactory(),
                StageCacheFilterFactory(configuration: configuration, principals: policies.principals)]
    }

    /// `builtIn` and `features`, in phase order.
    package static func factories(features: [any FilterFactory], configuration: PipelineConfiguration,
                                  snapshot: CompiledSnapshot? = nil, invoker: (any IntegrationInvoker)? = nil) -> [any FilterFactory] {
        var all = builtIn(configuration, snapshot: snapshot, invoker: invoker) + features
        // Access logs: every route of a stage with `accessLogSettings` (an accepted setting is honoured).
        all.append(AccessLogFilterFactory(writer: configuration.accessLogs))
        // Execution logs: routes whose method setting has loggingLevel INFO or ERROR (same writer).
        all.append(ExecutionLogFilterFactory(writer: configuration.accessLogs))
        // Traces: every route of a stage with tracingEnabled, to the node's exporter.
        all.append(TracingFilterFactory(exporter: configuration.traces))
        return all.enumerated().sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }.map(\.element)
    }
}
