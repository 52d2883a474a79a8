import Shared

/// PutUserPolicy, GetUserPolicy, ListUserPolicies, DeleteUserPolicy (inline policies).
extension IAMAPI {
    static let userPolicyActions: [String: (handler: Handler, mutating: Bool)] = [
        "PutUserPolicy": ({ api, call, tx in try api.putUserPolicy(call, tx) }, true),
        "GetUserPolicy": ({ api, call, tx in try api.getUserPolicy(call, tx) }, false),
        "ListUserPolicies": ({ api, call, tx in try api.listUserPolicies(call, tx) }, false),
        "DeleteUserPolicy": ({ api, call, tx in try api.deleteUserPolicy(call, tx) }, true),
    ]

    func putUserPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let name = try IAMNames.checkName(call.required("PolicyName"), member: "policyName", maxLength: 128)
        let document = try Self.checkedIdentityPolicy(call.required("PolicyDocument"))
        call.targets = [user.userName, name]
        try tx.putIAMUserPolicy(userName: user.userName, policyName: name, document: document)
        return nil
    }

    func getUserPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let name = try call.required("PolicyName")
        guard let document = try tx.iamUserPolicy(userName: user.userName, policyName: name) else {
            throw IAMError.noSuchEntity("The user policy with name \(name) cannot be found.")
        }
        var xml = IAMXML()
        xml.element("UserName", user.userName)
        xml.element("PolicyName", name)
        xml.element("PolicyDocument", IAMXML.encodedPolicy(document))
        return xml.text
    }

    func listUserPolicies(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let page = try IAMPage(try tx.iamUserPolicyNames(userName: user.userName), call)
        var xml = IAMXML()
        xml.element("PolicyNames") { xml in for name in page.items { xml.element("member", name) } }
        page.writeTruncation(into: &xml)
        return xml.text
    }

    func deleteUserPolicy(_ call: IAMCall, _ tx: ConfigTransaction) throws -> String? {
        let user = try existingUser(call.required("UserName"), tx)
        let name = try call.required("PolicyName")
        call.targets = [user.userName, name]
        guard try tx.deleteIAMUserPolicy(userName: user.userName, policyName: name) else {
            throw IAMError.noSuchEntity("The user policy with name \(name) cannot be found.")
        }
        return nil
    }

    /// `document` if it compiles as an identity policy (the nodes' compiler), else
    /// `MalformedPolicyDocument` with the compiler's IAM-worded message.
    static func checkedIdentityPolicy(_ document: String) throws -> String {
        do {
            _ = try PolicyCompiler.compile(Array(document.utf8), kind: .identity)
        } catch {
            throw IAMError.malformedPolicy(error.message)
        }
        return document
    }
}
