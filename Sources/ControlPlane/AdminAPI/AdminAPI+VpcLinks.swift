import Shared

/// VPC links: CreateVpcLink, GetVpcLink(s), UpdateVpcLink (`/name`, `/description`), DeleteVpcLink.
/// Tollgate's meaning of `targetArns`: addresses `host:port` that nodes connect to for integrations
/// with `connectionType: VPC_LINK` (`CompiledVpcLink`); other entries (load balancer ARNs) are
/// stored, and an integration naming such a link is refused. Links travel in every snapshot.
extension AdminAPI {
    static let vpcLinks = AdminResource<Void, VpcLink>(label: "vpclink_id", notFound: "VPCLink not found") { tx, id in try tx.vpcLink(id) }

    static let vpcLinkHandlers: [String: Handler] = [
        "CreateVpcLink": vpcLinks.createHandler(CreateVpcLinkInput.self, idLength: ResourceID.childLength, make: { input, id, _, call, _ in
            guard let name = input.name, !name.isEmpty else { throw AdminError.missing("name", in: call.operation.name) }
            guard let targets = input.targetArns, !targets.isEmpty else { throw AdminError.missing("targetArns", in: call.operation.name) }
            return VpcLink(id: id, name: name, description: input.description, targetArns: targets, tags: try TagRules.checked(input.tags ?? [:]))
        }, save: { link, _, _, tx in try tx.putVpcLink(link) }),
        "GetVpcLinks": vpcLinks.listHandler { _, _, tx in try tx.vpcLinks() },
        "GetVpcLink": vpcLinks.getHandler(),
        "UpdateVpcLink": vpcLinks.updateHandler(apply: { patch, link, _ in
            let paths = ["/name", "/description"]
            guard patch.op == "replace" else { throw patch.invalidPath(mustBeOneOf: paths) }
            switch patch.path {
            case "/name":
                guard let name = patch.value, !name.isEmpty else { throw AdminError.badRequest("Invalid null or empty value for patch path /name") }
                link.name = name
            case "/description": link.description = patch.value
            default: throw patch.invalidPath(mustBeOneOf: paths)
            }
        }, save: { link, _, _, tx in try tx.putVpcLink(link) }),
        "DeleteVpcLink": vpcLinks.deleteHandler { tx, _, id in try tx.deleteVpcLink(id) },
    ]

    /// Body of CreateVpcLink.
    struct CreateVpcLinkInput: Decodable {
        var name: String?
        var description: String?
        var targetArns: [String]?
        var tags: [String: String]?
    }
}
