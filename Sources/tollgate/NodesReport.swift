import ControlPlane
import Foundation

/// The text `tollgate nodes` prints, from the control plane's `GET /_tollgate/v1/revision` and
/// `GET /_tollgate/v1/nodes` answers. Pure, so its output is tested without a server.
///
/// One row per node the control plane has not dropped: STATUS is `live` (polled within
/// `NodeRecord.liveWindowSeconds`, judged on the control plane's clock) or `silent since TIME`;
/// LAST ERROR is why the node refused the last snapshot it was sent (it keeps serving the one it
/// has). A footer states the live window and the drop time, so the output explains itself.
///
/// Canaries (issue 12): when a stage has one, each node that applied `revision` (the revision the
/// canaries were read at) gets a line per canary under its row — `API/STAGE`, the canary's
/// deployment and its share of the stage's requests; a node at another revision gets one line
/// saying its canaries are not known (it serves an older configuration). `canaries` nil (a control
/// plane that does not report them) or empty prints no such line.
enum NodesReport {
    static func render(revision: Int64, epoch: String?, items: [[String: Any]], canaries: [[String: Any]]? = nil) -> String {
        let canaries = canaries ?? []
        var out = "control-plane revision \(revision)" + (epoch.map { ", epoch \($0)" } ?? "") + "\n"
        out += "NODE                  STATUS                              APPLIED  GOSSIP                 LAST ERROR\n"
        for item in items {
            let seen = (item["lastSeen"] as? NSNumber)?.int64Value ?? 0
            let applied = (item["appliedRevision"] as? NSNumber).map { String($0.int64Value) } ?? "-"
            let status = (item["status"] as? String) == "live" ? "live" : "silent since \(AdminTools.iso8601(seen))"
            out += pad(item["nodeId"] as? String ?? "", 20) + "  " + pad(status, 34) + "  " + pad(applied, 7) + "  "
                + pad(item["gossipAddress"] as? String ?? "-", 21) + "  " + (item["lastError"] as? String ?? "-") + "\n"
            guard !canaries.isEmpty else { continue }
            if (item["appliedRevision"] as? NSNumber)?.int64Value == revision {
                for canary in canaries { out += "  " + canaryLine(canary) + "\n" }
            } else {
                out += "  canaries not known: this node serves revision \(applied), not \(revision)\n"
            }
        }
        if items.isEmpty { out += "(no data-plane node has polled in the last \(NodeRecord.listingWindowSeconds) s)\n" }
        if !canaries.isEmpty {
            out += "canary API/STAGE: the stage's canary deployment and its share of requests, on every node that applied revision \(revision)\n"
        }
        out += "live: polled within \(NodeRecord.liveWindowSeconds) s; a node silent for \(NodeRecord.listingWindowSeconds) s is dropped from this list and from its peers' gossip\n"
        return out
    }

    /// `canary API/STAGE: deployment ID, N% of requests`.
    static func canaryLine(_ canary: [String: Any]) -> String {
        let percent = (canary["percentTraffic"] as? NSNumber)?.doubleValue ?? 0
        let shown = percent == percent.rounded() && abs(percent) < 1e15 ? String(Int64(percent)) : String(percent)
        return "canary \(canary["restApiId"] as? String ?? "?")/\(canary["stageName"] as? String ?? "?"): deployment "
            + "\(canary["deploymentId"] as? String ?? "?"), \(shown)% of requests"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
