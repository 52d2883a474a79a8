import Synchronization

/// A VPC link as a node uses it: the addresses an integration with `connectionType: VPC_LINK`
/// connects to, in place of its URI's host (docs/compatibility.md, "VPC links").
///
/// Tollgate has no VPC and no network load balancer, so a link's `targetArns` are given a local
/// meaning: each entry is an address `host:port` (a DNS name, an IPv4 literal or a bracketed IPv6
/// literal, and an explicit port), the way a load balancer's listener forwards to its targets. The
/// integration's URI still gives the scheme, the `Host` header, the TLS server name and the path.
///
/// Compiled once per snapshot; `next()` spreads requests over the targets in turn with one relaxed
/// atomic add (no lock), from any event loop.
package final class CompiledVpcLink: Sendable, Equatable {
    /// One address of a link.
    package struct Target: Sendable, Equatable {
        /// Host name or IP literal, without brackets for IPv6.
        package let host: String
        package let port: Int

        /// Parses `host:port` (`[v6]:port` for IPv6); nil for anything else: no port, a port outside
        /// 1–65535, a scheme, a path, user info, spaces, or an ARN such as a load balancer's.
        package static func parse(_ text: String) -> Target? {
            guard !text.isEmpty, text.utf8.count <= 300,
                  !text.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "@") }),
                  let colon = text.utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
            // The port must be written: `HTTPEndpoint.parse` would default it to 80.
            let port = text[text.utf8.index(after: colon)...]
            guard !port.isEmpty, port.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            // An IPv6 literal's own colons only count inside brackets.
            if text.utf8.first != UInt8(ascii: "["), text[..<colon].utf8.contains(UInt8(ascii: ":")) { return nil }
            guard let endpoint = HTTPEndpoint.parse("http://" + text + "/") else { return nil }
            return Target(host: endpoint.host, port: endpoint.port)
        }
    }

    /// The link's id (`connectionId` after stage variables).
    package let id: String
    /// At least one.
    package let targets: [Target]
    private let turn = Atomic<Int>(0)

    /// Nil when `targetArns` is empty or any entry is not an address (a link is used whole or not at all).
    package init?(id: String, targetArns: [String]) {
        var targets: [Target] = []
        for text in targetArns {
            guard let target = Target.parse(text) else { return nil }
            targets.append(target)
        }
        guard !targets.isEmpty else { return nil }
        self.id = id
        self.targets = targets
    }

    /// The target for the next request: each in turn.
    package func next() -> Target {
        guard targets.count > 1 else { return targets[0] }
        let n = turn.wrappingAdd(1, ordering: .relaxed).oldValue
        // Safe: `n` modulo a positive count is in range; `magnitude` keeps a wrapped negative counter in range too.
        return targets[Int(n.magnitude % UInt(targets.count))]
    }

    package static func == (lhs: CompiledVpcLink, rhs: CompiledVpcLink) -> Bool {
        lhs.id == rhs.id && lhs.targets == rhs.targets
    }
}
