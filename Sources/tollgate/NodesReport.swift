import ControlPlane
import Foundation

/// The text `tollgate nodes` prints, from the control plane's `GET /_tollgate/v1/revision` and
/// `GET /_tollgate/v1/nodes` answers. Pure, so its output is tested without a server.
///
/// One row per node the control plane has not dropped: STATUS is `live` (polled within
/// `NodeRecord.liveWindowSeconds`, judged on the control plane's clock) or `silent since TIME`;
/// LAST ERROR is why the node refused the last snapshot it was sent (it keeps serving the one it
/// has). A footer states the live window and the drop time, so the output explains itself.
enum NodesReport {
    static func render(revision: Int64, epoch: String?, items: [[String: Any]]) -> String {
        var out = "control-plane revision \(revision)" + (epoch.map { ", epoch \($0)" } ?? "") + "\n"
        out += "NODE                  STATUS                              APPLIED  GOSSIP                 LAST ERROR\n"
        for item in items {
            let seen = (item["lastSeen"] as? NSNumber)?.int64Value ?? 0
            let applied = (item["appliedRevision"] as? NSNumber).map { String($0.int64Value) } ?? "-"
            let status = (item["status"] as? String) == "live" ? "live" : "silent since \(AdminTools.iso8601(seen))"
            out += pad(item["nodeId"] as? String ?? "", 20) + "  " + pad(status, 34) + "  " + pad(applied, 7) + "  "
                + pad(item["gossipAddress"] as? String ?? "-", 21) + "  " + (item["lastError"] as? String ?? "-") + "\n"
        }
        if items.isEmpty { out += "(no data-plane node has polled in the last \(NodeRecord.listingWindowSeconds) s)\n" }
        out += "live: polled within \(NodeRecord.liveWindowSeconds) s; a node silent for \(NodeRecord.listingWindowSeconds) s is dropped from this list and from its peers' gossip\n"
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
