import Shared

/// CreateUser, GetUser, ListUsers, DeleteUser, ListUserTags, ListGroupsForUser.
extension IAMAPI {
    static let userActions: [String: (handler: Handler, mutating: Bool)] = [
        "CreateUser": ({ api, call, tx in try api.createUser(call, tx) }, true),
        "GetUser": ({ api, call, tx in try api.getUser(call, tx) }, false),
        "ListUsers": ({ api, call, tx in try api.listUsers(call, tx) }, false),
        "DeleteUser": ({ api, call, tx in try api.deleteUser(call, tx) }, true),
        "ListUserTags": ({ api, call, tx in try api.listUserTags(call, tx) }, false),
        // Tollgate has no groups: every user is in none (Terraform reads this before DeleteUser).
        "ListGroupsForUser": ({ api, call, tx in
            _ = try api.existingUser(call.required("UserName"), tx)
            return "<Groups></Groups><IsTruncated>false</IsTruncated>"
        }, false),
    ]

    func createUser(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let name = try IAMNames.checkName(call.required("UserName"), member: "userName", maxLength: 64)
        let path = try IAMNames.checkPath(call.request["Path"])
        let tags = try IAMNames.tags(call.request)
        call.targets = [name]
        let user = IAMUser(userName: name, userId: IAMNames.uniqueId(prefix: "AIDA"), path: path,
                           arn: "arn:aws:iam::\(accountId):user\(path)\(name)", createDate: call.now, tags: tags)
        guard try tx.insertIAMUser(user) else { throw IAMError.alreadyExists("User with name \(name) already exists.") }
        var xml = IAMXML()
        Self.write(user, tags: true, into: &xml)
        return xml.text
    }

    func getUser(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        var xml = IAMXML()
        guard let name = call.request["UserName"], !name.isEmpty else {
            // The admin credential is the account's root, as an AWS root key is.
            xml.element("User") { xml in
                xml.element("UserId", accountId)
                xml.element("Arn", "arn:aws:iam::\(accountId):root")
                xml.element("CreateDate", IAMXML.date(0))
            }
            return xml.text
        }
        Self.write(try existingUser(name, tx), tags: true, into: &xml)
        return xml.text
    }

    func listUsers(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let prefix = call.request["PathPrefix"] ?? "/"
        let users = try tx.iamUsers().filter { $0.path.hasPrefix(prefix) }
        let page = try IAMPage(users, call)
        var xml = IAMXML()
        xml.members("Users", page.items) { xml, user in Self.write(user, tags: false, into: &xml, wrapped: false) }
        page.writeTruncation(into: &xml)
        return xml.text
    }

    func deleteUser(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let name = try call.required("UserName")
        call.targets = [name]
        let user = try existingUser(name, tx)
        if try !tx.iamAccessKeys(userName: user.userName).isEmpty {
            throw IAMError.deleteConflict("Cannot delete entity, must delete access keys first.")
        }
        if try !tx.iamUserPolicyNames(userName: user.userName).isEmpty {
            throw IAMError.deleteConflict("Cannot delete entity, must delete policies first.")
        }
        if try !tx.iamAttachedPolicyArns(userName: user.userName).isEmpty {
            throw IAMError.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        try tx.deleteIAMUser(user.userName)
        return nil
    }

    func listUserTags(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        var xml = IAMXML()
        Self.write(tags: user.tags, into: &xml)
        xml.element("IsTruncated", "false")
        return xml.text
    }

    /// The user called `name` (any case), or IAM's `NoSuchEntity`.
    func existingUser(_ name: String, _ tx: ConfigTransaction) throws -> IAMUser {
        guard let user = try tx.iamUser(name) else { throw IAMError.noSuchEntity("The user with name \(name) cannot be found.") }
        return user
    }

    // MARK: - XML

    static func write(_ user: IAMUser, tags: Bool, into xml: inout IAMXML, wrapped: Bool = true) {
        let body = { (xml: inout IAMXML) in
            xml.element("Path", user.path)
            xml.element("UserName", user.userName)
            xml.element("UserId", user.userId)
            xml.element("Arn", user.arn)
            xml.element("CreateDate", IAMXML.date(user.createDate))
            if tags, !user.tags.isEmpty { write(tags: user.tags, into: &xml) }
        }
        if wrapped { xml.element("User", body) } else { body(&xml) }
    }

    static func write(tags: [IAMTag], into xml: inout IAMXML) {
        xml.members("Tags", tags) { xml, tag in
            xml.element("Key", tag.key)
            xml.element("Value", tag.value)
        }
    }
}
