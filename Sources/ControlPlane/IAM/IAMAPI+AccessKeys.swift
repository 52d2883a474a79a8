import Shared

/// CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey.
///
/// `UserName` is required: the admin credential is the account's root, which has no IAM keys of
/// its own here (IAM would act on the root's keys).
extension IAMAPI {
    /// IAM's quota of keys per user.
    static let accessKeysPerUser = 2

    static let accessKeyActions: [String: (handler: Handler, mutating: Bool)] = [
        "CreateAccessKey": ({ api, call, tx in try api.createAccessKey(call, tx) }, true),
        "ListAccessKeys": ({ api, call, tx in try api.listAccessKeys(call, tx) }, false),
        "UpdateAccessKey": ({ api, call, tx in try api.updateAccessKey(call, tx) }, true),
        "DeleteAccessKey": ({ api, call, tx in try api.deleteAccessKey(call, tx) }, true),
    ]

    func createAccessKey(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        guard try tx.iamAccessKeys(userName: user.userName).count < Self.accessKeysPerUser else {
            throw IAMError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(Self.accessKeysPerUser)")
        }
        var id = IAMNames.accessKeyId()
        while try tx.iamAccessKey(id) != nil { id = IAMNames.accessKeyId() }
        let key = IAMAccessKey(accessKeyId: id, userName: user.userName, secretAccessKey: IAMNames.secretAccessKey(),
                               status: "Active", createDate: call.now)
        call.targets = [user.userName, id]
        try tx.putIAMAccessKey(key)
        var xml = IAMXML()
        xml.element("AccessKey") { xml in
            xml.element("UserName", key.userName)
            xml.element("AccessKeyId", key.accessKeyId)
            xml.element("Status", key.status)
            xml.element("SecretAccessKey", key.secretAccessKey)
            xml.element("CreateDate", IAMXML.date(key.createDate))
        }
        return xml.text
    }

    func listAccessKeys(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let page = try IAMPage(try tx.iamAccessKeys(userName: user.userName), call)
        var xml = IAMXML()
        xml.members("AccessKeyMetadata", page.items) { xml, key in
            xml.element("UserName", key.userName)
            xml.element("AccessKeyId", key.accessKeyId)
            xml.element("Status", key.status)
            xml.element("CreateDate", IAMXML.date(key.createDate))
        }
        page.writeTruncation(into: &xml)
        return xml.text
    }

    func updateAccessKey(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let status = try call.required("Status")
        guard status == "Active" || status == "Inactive" else {
            throw IAMError.validation("1 validation error detected: Value '\(status)' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]")
        }
        var key = try existingKey(call, tx)
        call.targets = [key.userName, key.accessKeyId]
        if key.status != status {
            key.status = status
            try tx.putIAMAccessKey(key)
        }
        return nil
    }

    func deleteAccessKey(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let key = try existingKey(call, tx)
        call.targets = [key.userName, key.accessKeyId]
        try tx.deleteIAMAccessKey(key.accessKeyId)
        return nil
    }

    /// The key `AccessKeyId` of user `UserName`; `NoSuchEntity` when either is unknown or the key is another user's.
    private func existingKey(_ call: IAMCall, _ tx: ConfigTransaction) throws -> IAMAccessKey {
        let id = try call.required("AccessKeyId")
        let user = try existingUser(call.required("UserName"), tx)
        guard let key = try tx.iamAccessKey(id), key.userName.lowercased() == user.userName.lowercased() else {
            throw IAMError.noSuchEntity("The Access Key with id \(id) cannot be found.")
        }
        return key
    }
}
