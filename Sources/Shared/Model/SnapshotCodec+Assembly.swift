import Foundation

/// Encoding a snapshot from parts already in canonical JSON.
///
/// Deployments are immutable and make up almost all of a snapshot's bytes, so the control plane
/// keeps each one's canonical JSON and assembles snapshot bodies around them instead of encoding
/// every deployment again on each revision. The assembly writes the members of `Snapshot` and
/// `SnapshotStage` in sorted-key order exactly as `JSONEncoder` would, so its output is
/// byte-identical to `encode` of the same snapshot (tests pin this, and pin `snapshotFields` /
/// `stageFields` to the types' stored properties so a new field cannot be silently dropped).
extension SnapshotCodec {
    /// One stage whose deployment is already encoded (`canonicalJSON(deployment)`).
    package struct PreencodedStage: Sendable {
        package let restApiId: String
        package let stage: Stage
        package let deploymentJSON: [UInt8]
        /// `canonicalJSON` of the stage's canary deployment, when it has a canary.
        package let canaryDeploymentJSON: [UInt8]?

        package init(restApiId: String, stage: Stage, deploymentJSON: [UInt8], canaryDeploymentJSON: [UInt8]? = nil) {
            self.restApiId = restApiId
            self.stage = stage
            self.deploymentJSON = deploymentJSON
            self.canaryDeploymentJSON = canaryDeploymentJSON
        }
    }

    /// `Snapshot`'s members as the assembly writes them (sorted, as `.sortedKeys` orders them).
    static let snapshotFields = ["account", "apiKeys", "checksum", "clientCertificates", "domainNames", "epoch", "gossip", "httpApis", "iam", "nodes", "revision", "schemaVersion", "stages", "usagePlans", "vpcLinks", "webSocketApis"]
    /// `SnapshotStage`'s members as the assembly writes them.
    static let stageFields = ["canaryDeployment", "deployment", "restApiId", "stage"]

    /// The final bytes and checksum of `header` with `stages` as its stages (`header.stages` and
    /// `header.checksum` are ignored). Same bytes as `encode` of the equivalent `Snapshot`.
    package static func seal(header: Snapshot, stages: [PreencodedStage]) -> (bytes: [UInt8], checksum: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) -> [UInt8] { canonicalJSON(value, encoder: encoder) }

        var out: [UInt8] = []
        out.reserveCapacity(stages.reduce(4096) { $0 + $1.deploymentJSON.count + 1024 })
        out += #"{"account":"#.utf8
        out += json(header.account)
        out += #","apiKeys":"#.utf8
        out += json(header.apiKeys)
        out += #","checksum":""#.utf8
        let slot = out.count
        out += #"""#.utf8
        if let clientCertificates = header.clientCertificates {
            out += #","clientCertificates":"#.utf8
            out += json(clientCertificates)
        }
        if let domainNames = header.domainNames {
            out += #","domainNames":"#.utf8
            out += json(domainNames)
        }
        if let epoch = header.epoch {
            out += #","epoch":"#.utf8
            out += json(epoch)
        }
        if let gossip = header.gossip {
            out += #","gossip":"#.utf8
            out += json(gossip)
        }
        if let httpApis = header.httpApis {
            out += #","httpApis":"#.utf8
            out += json(httpApis)
        }
        if let iam = header.iam {
            out += #","iam":"#.utf8
            out += json(iam)
        }
        out += #","nodes":"#.utf8
        out += json(header.nodes)
        out += #","revision":"#.utf8
        out += String(header.revision).utf8
        out += #","schemaVersion":"#.utf8
        out += String(header.schemaVersion).utf8
        out += #","stages":["#.utf8
        for (index, stage) in stages.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            if let canary = stage.canaryDeploymentJSON {
                out += #""canaryDeployment":"#.utf8
                out += canary
                out.append(UInt8(ascii: ","))
            }
            out += #""deployment":"#.utf8
            out += stage.deploymentJSON
            out += #","restApiId":"#.utf8
            out += json(stage.restApiId)
            out += #","stage":"#.utf8
            out += json(stage.stage)
            out.append(UInt8(ascii: "}"))
        }
        out += #"],"usagePlans":"#.utf8
        out += json(header.usagePlans)
        if let vpcLinks = header.vpcLinks {
            out += #","vpcLinks":"#.utf8
            out += json(vpcLinks)
        }
        if let webSocketApis = header.webSocketApis {
            out += #","webSocketApis":"#.utf8
            out += json(webSocketApis)
        }
        out.append(UInt8(ascii: "}"))

        let checksum = Digest.sha256Hex(out)
        out.insert(contentsOf: checksum.utf8, at: slot)
        return (out, checksum)
    }
}
