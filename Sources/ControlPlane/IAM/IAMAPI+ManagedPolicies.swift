import Shared

/// CreatePolicy, GetPolicy, GetPolicyVersion, ListPolicyVersions, ListPolicies, ListPolicyTags,
/// DeletePolicy, AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies. Customer managed
/// policies have one version, `v1` (CreatePolicyVersion is not served).
extension IAMAPI {
    static let managedPolicyActions: [String: (handler: Handler, mutating: Bool)] = [
        "CreatePolicy": ({ api, call, tx in try api.createPolicy(call, tx) }, true),
        "GetPolicy": ({ api, call, tx in
            var xml = IAMXML()
            let policy = try api.existingPolicy(call.required("PolicyArn"), tx)
            write(policy, attachments: try tx.iamAttachmentCount(policyArn: policy.arn), into: &xml)
            return xml.text
        }, false),
        "GetPolicyVersion": ({ api, call, tx in try api.getPolicyVersion(call, tx) }, false),
        "ListPolicyVersions": ({ api, call, tx in
            let policy = try api.existingPolicy(call.required("PolicyArn"), tx)
            var xml = IAMXML()
            xml.members("Versions", [policy]) { xml, policy in writeVersion(policy, document: false, into: &xml) }
            xml.element("IsTruncated", "false")
            return xml.text
        }, false),
        "ListPolicies": ({ api, call, tx in try api.listPolicies(call, tx) }, false),
        "ListPolicyTags": ({ api, call, tx in
            var xml = IAMXML()
            write(tags: try api.existingPolicy(call.required("PolicyArn"), tx).tags, into: &xml)
            xml.element("IsTruncated", "false")
            return xml.text
        }, false),
        "DeletePolicy": ({ api, call, tx in try api.deletePolicy(call, tx) }, true),
        "AttachUserPolicy": ({ api, call, tx in try api.attachUserPolicy(call, tx) }, true),
        "DetachUserPolicy": ({ api, call, tx in try api.detachUserPolicy(call, tx) }, true),
        "ListAttachedUserPolicies": ({ api, call, tx in try api.listAttachedUserPolicies(call, tx) }, false),
    ]

    func createPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let name = try IAMNames.checkName(call.required("PolicyName"), member: "policyName", maxLength: 128)
        let path = try IAMNames.checkPath(call.request["Path"])
        let document = try Self.checkedIdentityPolicy(call.required("PolicyDocument"))
        let policy = IAMManagedPolicy(policyName: name, policyId: IAMNames.uniqueId(prefix: "ANPA"),
                                      arn: "arn:aws:iam::\(accountId):policy\(path)\(name)", path: path,
                                      description: call.request["Description"], document: document, createDate: call.now,
                                      tags: try IAMNames.tags(call.request))
        call.targets = [policy.arn]
        // IAM refuses a second policy of the same name whatever its path.
        if try tx.iamPolicies().contains(where: { $0.policyName == name }) || !(try tx.insertIAMPolicy(policy)) {
            throw IAMError.alreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        var xml = IAMXML()
        Self.write(policy, attachments: 0, into: &xml)
        return xml.text
    }

    func getPolicyVersion(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let policy = try existingPolicy(call.required("PolicyArn"), tx)
        let version = try call.required("VersionId")
        guard version == IAMManagedPolicy.defaultVersionId else {
            throw IAMError.noSuchEntity("Policy \(policy.arn) version \(version) does not exist or is not attachable.")
        }
        var xml = IAMXML()
        xml.element("PolicyVersion") { Self.writeVersion(policy, document: true, into: &$0) }
        return xml.text
    }

    func listPolicies(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        // Only customer managed policies exist here: Scope=AWS lists none.
        let scope = call.request["Scope"] ?? "All"
        let prefix = call.request["PathPrefix"] ?? "/"
        var policies = scope == "AWS" ? [] : try tx.iamPolicies().filter { $0.path.hasPrefix(prefix) }
        if call.request["OnlyAttached"] == "true" { policies = try policies.filter { try tx.iamAttachmentCount(policyArn: $0.arn) > 0 } }
        let page = try IAMPage(policies, call)
        var xml = IAMXML()
        xml.element("Policies") { xml in
            for policy in page.items {
                let count = (try? tx.iamAttachmentCount(policyArn: policy.arn)) ?? 0
                xml.element("member") { Self.writeFields(policy, attachments: count, tags: false, into: &$0) }
            }
        }
        page.writeTruncation(into: &xml)
        return xml.text
    }

    func deletePolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let policy = try existingPolicy(call.required("PolicyArn"), tx)
        call.targets = [policy.arn]
        guard try tx.iamAttachmentCount(policyArn: policy.arn) == 0 else {
            throw IAMError.deleteConflict("Cannot delete a policy attached to entities.")
        }
        try tx.deleteIAMPolicy(arn: policy.arn)
        return nil
    }

    func attachUserPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let policy = try existingPolicy(call.required("PolicyArn"), tx)
        call.targets = [user.userName, policy.arn]
        try tx.attachIAMPolicy(userName: user.userName, policyArn: policy.arn)
        return nil
    }

    func detachUserPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let arn = try call.required("PolicyArn")
        call.targets = [user.userName, arn]
        guard try tx.detachIAMPolicy(userName: user.userName, policyArn: arn) else {
            throw IAMError.noSuchEntity("Policy \(arn) was not found.")
        }
        return nil
    }

    func listAttachedUserPolicies(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let prefix = call.request["PathPrefix"] ?? "/"
        let policies = try tx.iamAttachedPolicyArns(userName: user.userName).compactMap { try tx.iamPolicy(arn: $0) }
            .filter { $0.path.hasPrefix(prefix) }
        let page = try IAMPage(policies, call)
        var xml = IAMXML()
        xml.members("AttachedPolicies", page.items) { xml, policy in
            xml.element("PolicyName", policy.policyName)
            xml.element("PolicyArn", policy.arn)
        }
        page.writeTruncation(into: &xml)
        return xml.text
    }

    func existingPolicy(_ arn: String, _ tx: ConfigTransaction) throws -> IAMManagedPolicy {
        guard let policy = try tx.iamPolicy(arn: arn) else {
            throw IAMError.noSuchEntity("Policy \(arn) does not exist or is not attachable.")
        }
        return policy
    }

    // MARK: - XML

    static func write(_ policy: IAMManagedPolicy, attachments: Int64, into xml: inout IAMXML) {
        xml.element("Policy") { writeFields(policy, attachments: attachments, tags: true, into: &$0) }
    }

    static func writeFields(_ policy: IAMManagedPolicy, attachments: Int64, tags: Bool, into xml: inout IAMXML) {
        xml.element("PolicyName", policy.policyName)
        xml.element("DefaultVersionId", IAMManagedPolicy.defaultVersionId)
        xml.element("PolicyId", policy.policyId)
        xml.element("Path", policy.path)
        xml.element("Arn", policy.arn)
        xml.element("AttachmentCount", String(attachments))
        xml.element("PermissionsBoundaryUsageCount", "0")
        xml.element("IsAttachable", "true")
        if let description = policy.description { xml.element("Description", description) }
        xml.element("CreateDate", IAMXML.date(policy.createDate))
        xml.element("UpdateDate", IAMXML.date(policy.createDate))
        if tags, !policy.tags.isEmpty { write(tags: policy.tags, into: &xml) }
    }

    static func writeVersion(_ policy: IAMManagedPolicy, document: Bool, into xml: inout IAMXML) {
        if document { xml.element("Document", IAMXML.encodedPolicy(policy.document)) }
        xml.element("VersionId", IAMManagedPolicy.defaultVersionId)
        xml.element("IsDefaultVersion", "true")
        xml.element("CreateDate", IAMXML.date(policy.createDate))
    }
}
