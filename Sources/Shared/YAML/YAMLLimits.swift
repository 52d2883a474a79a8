/// The bounds the YAML reader enforces so that no input can exhaust the stack or memory.
///
/// Defaults suit API definitions many megabytes large: OpenAPI documents nest a few dozen
/// levels and use aliases sparingly, while a "billion laughs" document needs exponentially many
/// alias expansions and fails fast on `maxAliasExpansion`.
package struct YAMLLimits: Sendable {
    /// Collections nested deeper than this are rejected (each level costs a few stack frames).
    package var maxDepth: Int
    /// The total number of nodes that aliases may copy into one stream (an alias of a mapping
    /// with 10 nodes costs 10). Conversion to JSON expands aliases, so this bounds its size too.
    package var maxAliasExpansion: Int

    package init(maxDepth: Int = 256, maxAliasExpansion: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}
