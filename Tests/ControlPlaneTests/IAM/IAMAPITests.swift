import Foundation
import Testing
@testable import ControlPlane
import Shared

/// The IAM subset over a real store: what `aws iam`, boto3 and Terraform send, and IAM's answers.
@Suite struct IAMAPITests {
    final class Harness {
        let directory: TemporaryDirectory
        let store: ConfigStore
        let api: IAMAPI

        init() throws {
            directory = try TemporaryDirectory()
            store = try ConfigStore(directory: directory.path)
            api = IAMAPI(store: store, accountId: "123456789012", clock: { 1_700_000_000 }, log: .discard)
        }

        deinit { directory.remove() }

        /// Sends `Action=…&…` (values form-encoded) and returns status and body text.
        @discardableResult
        func call(_ action: String, _ parameters: [(String, String)] = []) -> (status: Int, body: String) {
            var form = "Action=\(action)&Version=2010-05-08"
            for (name, value) in parameters {
                form += "&\(name)=" + PercentEncoding.encode(value, keeping: .unreserved)
            }
            let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/",
                                                            headers: ["Content-Type": "application/x-www-form-urlencoded"]),
                                      body: Array(form.utf8))
            let outcome = api.perform(request, identity: "AKIDADMIN", requestId: "req-1")
            return (outcome.response.status, String(decoding: outcome.response.body, as: UTF8.self))
        }

        /// The text of the first `<name>` element.
        static func value(_ name: String, in body: String) -> String? {
            guard let start = body.range(of: "<\(name)>"), let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex)
            else { return nil }
            return String(body[start.upperBound..<end.lowerBound])
        }
    }

    static let allowGet = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:*/*/GET/*"}]}"#

    @Test func createsGetsListsAndDeletesUsers() throws {
        let h = try Harness()
        let created = h.call("CreateUser", [("UserName", "bob"), ("Path", "/team/"), ("Tags.member.1.Key", "k"), ("Tags.member.1.Value", "v")])
        #expect(created.status == 200)
        #expect(Harness.value("Arn", in: created.body) == "arn:aws:iam::123456789012:user/team/bob")
        #expect(Harness.value("UserId", in: created.body)?.hasPrefix("AIDA") == true)
        #expect(Harness.value("UserId", in: created.body)?.count == 21)
        #expect(Harness.value("CreateDate", in: created.body) == "2023-11-14T22:13:20Z")
        #expect(created.body.contains("<Tags><member><Key>k</Key><Value>v</Value></member></Tags>"))

        let got = h.call("GetUser", [("UserName", "BOB")])  // names are case-insensitive
        #expect(got.status == 200 && Harness.value("UserName", in: got.body) == "bob")
        #expect(h.call("ListUsers").body.contains("<Users><member><Path>/team/</Path><UserName>bob</UserName>"))
        #expect(h.call("ListUsers", [("PathPrefix", "/other/")]).body.contains("<Users></Users><IsTruncated>false</IsTruncated>"))
        #expect(h.call("DeleteUser", [("UserName", "bob")]).status == 200)
        let gone = h.call("GetUser", [("UserName", "bob")])
        #expect(gone.status == 404)
        #expect(Harness.value("Code", in: gone.body) == "NoSuchEntity")
        #expect(Harness.value("Message", in: gone.body) == "The user with name bob cannot be found.")
    }

    @Test(arguments: [
        ("CreateUser", [("UserName", "Bob")], 409, "EntityAlreadyExists", "User with name Bob already exists."),
        ("CreateUser", [("UserName", "bad name")], 400, "ValidationError", nil),
        ("CreateUser", [], 400, "ValidationError",
         "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"),
        ("CreateUser", [("UserName", "x"), ("Path", "nopath")], 400, "ValidationError", nil),
        ("GetUserPolicy", [("UserName", "bob"), ("PolicyName", "none")], 404, "NoSuchEntity", "The user policy with name none cannot be found."),
        ("PutUserPolicy", [("UserName", "bob"), ("PolicyName", "p"), ("PolicyDocument", #"{"Statement":[{"Effect":"allow"}]}"#)],
         400, "MalformedPolicyDocument", nil),
        ("PutUserPolicy", [("UserName", "bob"), ("PolicyName", "p"), ("PolicyDocument", "not json")], 400, "MalformedPolicyDocument", nil),
        ("DeleteAccessKey", [("UserName", "bob"), ("AccessKeyId", "AKIANOTAKEY000000000")], 404, "NoSuchEntity",
         "The Access Key with id AKIANOTAKEY000000000 cannot be found."),
        ("UpdateAccessKey", [("UserName", "bob"), ("AccessKeyId", "AKIAX"), ("Status", "Off")], 400, "ValidationError", nil),
        ("GetPolicy", [("PolicyArn", "arn:aws:iam::123456789012:policy/none")], 404, "NoSuchEntity",
         "Policy arn:aws:iam::123456789012:policy/none does not exist or is not attachable."),
        ("DetachUserPolicy", [("UserName", "bob"), ("PolicyArn", "arn:aws:iam::123456789012:policy/none")], 404, "NoSuchEntity", nil),
        ("CreateRole", [], 400, "InvalidAction", "Could not find operation CreateRole for version 2010-05-08"),
    ] as [(String, [(String, String)], Int, String, String?)])
    func answersIAMsErrors(action: String, parameters: [(String, String)], status: Int, code: String, message: String?) throws {
        let h = try Harness()
        h.call("CreateUser", [("UserName", "bob")])
        let answer = h.call(action, parameters)
        #expect(answer.status == status, "\(answer.body)")
        #expect(Harness.value("Code", in: answer.body) == code)
        if let message { #expect(Harness.value("Message", in: answer.body) == message) }
        #expect(answer.body.contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"))
    }

    @Test func accessKeysAreCreatedListedDeactivatedAndCappedAtTwo() throws {
        let h = try Harness()
        h.call("CreateUser", [("UserName", "bob")])
        let created = h.call("CreateAccessKey", [("UserName", "bob")])
        let id = try #require(Harness.value("AccessKeyId", in: created.body))
        #expect(id.hasPrefix("AKIA") && id.count == 20)
        #expect(Harness.value("SecretAccessKey", in: created.body)?.count == 40)
        #expect(Harness.value("Status", in: created.body) == "Active")
        #expect(h.call("CreateAccessKey", [("UserName", "bob")]).status == 200)
        let third = h.call("CreateAccessKey", [("UserName", "bob")])
        #expect(third.status == 409 && Harness.value("Message", in: third.body) == "Cannot exceed quota for AccessKeysPerUser: 2")

        #expect(h.call("UpdateAccessKey", [("UserName", "bob"), ("AccessKeyId", id), ("Status", "Inactive")]).status == 200)
        let listed = h.call("ListAccessKeys", [("UserName", "bob")])
        #expect(listed.body.contains("<AccessKeyId>\(id)</AccessKeyId><Status>Inactive</Status>"))
        #expect(!listed.body.contains("SecretAccessKey"), "the secret is shown once, at creation")
        let conflict = h.call("DeleteUser", [("UserName", "bob")])
        #expect(conflict.status == 409 && Harness.value("Message", in: conflict.body) == "Cannot delete entity, must delete access keys first.")
    }

    @Test func inlineAndManagedPoliciesRoundTripAndBlockDeletes() throws {
        let h = try Harness()
        h.call("CreateUser", [("UserName", "bob")])
        #expect(h.call("PutUserPolicy", [("UserName", "bob"), ("PolicyName", "get"), ("PolicyDocument", Self.allowGet)]).status == 200)
        let inline = h.call("GetUserPolicy", [("UserName", "bob"), ("PolicyName", "get")])
        #expect(Harness.value("PolicyDocument", in: inline.body).map { PercentDecoding.decodeString($0) } == Self.allowGet)
        #expect(h.call("ListUserPolicies", [("UserName", "bob")]).body.contains("<PolicyNames><member>get</member></PolicyNames>"))

        let created = h.call("CreatePolicy", [("PolicyName", "mp"), ("PolicyDocument", Self.allowGet), ("Description", "d")])
        let arn = try #require(Harness.value("Arn", in: created.body))
        #expect(arn == "arn:aws:iam::123456789012:policy/mp")
        #expect(Harness.value("DefaultVersionId", in: created.body) == "v1")
        #expect(h.call("CreatePolicy", [("PolicyName", "mp"), ("PolicyDocument", Self.allowGet)]).status == 409)
        let version = h.call("GetPolicyVersion", [("PolicyArn", arn), ("VersionId", "v1")])
        #expect(Harness.value("Document", in: version.body).map { PercentDecoding.decodeString($0) } == Self.allowGet)
        #expect(h.call("GetPolicyVersion", [("PolicyArn", arn), ("VersionId", "v2")]).status == 404)

        #expect(h.call("AttachUserPolicy", [("UserName", "bob"), ("PolicyArn", arn)]).status == 200)
        #expect(h.call("AttachUserPolicy", [("UserName", "bob"), ("PolicyArn", arn)]).status == 200, "attaching twice is a no-op")
        #expect(Harness.value("AttachmentCount", in: h.call("GetPolicy", [("PolicyArn", arn)]).body) == "1")
        #expect(h.call("ListAttachedUserPolicies", [("UserName", "bob")]).body
            .contains("<AttachedPolicies><member><PolicyName>mp</PolicyName><PolicyArn>\(arn)</PolicyArn></member></AttachedPolicies>"))
        #expect(Harness.value("Message", in: h.call("DeletePolicy", [("PolicyArn", arn)]).body) == "Cannot delete a policy attached to entities.")
        #expect(Harness.value("Message", in: h.call("DeleteUser", [("UserName", "bob")]).body) == "Cannot delete entity, must delete policies first.")
        #expect(h.call("DeleteUserPolicy", [("UserName", "bob"), ("PolicyName", "get")]).status == 200)
        #expect(Harness.value("Message", in: h.call("DeleteUser", [("UserName", "bob")]).body) == "Cannot delete entity, must detach all policies first.")
        #expect(h.call("DetachUserPolicy", [("UserName", "bob"), ("PolicyArn", arn)]).status == 200)
        #expect(h.call("DeletePolicy", [("PolicyArn", arn)]).status == 200)
        #expect(h.call("DeleteUser", [("UserName", "bob")]).status == 200)
    }

    @Test func listsPageWithMarkerAndMaxItems() throws {
        let h = try Harness()
        for name in ["a", "b", "c"] { h.call("CreateUser", [("UserName", name)]) }
        let first = h.call("ListUsers", [("MaxItems", "2")])
        #expect(first.body.contains("<UserName>a</UserName>") && first.body.contains("<UserName>b</UserName>"))
        #expect(first.body.contains("<IsTruncated>true</IsTruncated><Marker>2</Marker>"))
        let second = h.call("ListUsers", [("MaxItems", "2"), ("Marker", "2")])
        #expect(second.body.contains("<UserName>c</UserName>") && !second.body.contains("<UserName>a</UserName>"))
        #expect(second.body.contains("<IsTruncated>false</IsTruncated>"))
    }

    @Test func mutatingCallsBumpTheRevisionAndAreAudited() throws {
        let h = try Harness()
        let before = try h.store.revision()
        h.call("CreateUser", [("UserName", "bob")])
        #expect(try h.store.revision() > before)
        h.call("CreateUser", [("UserName", "bob")])  // fails: audited with its code
        let audit = try h.store.read { try $0.audit() }
        #expect(audit.map(\.operation) == ["iam:CreateUser", "iam:CreateUser"])
        #expect(audit.map(\.errorType) == [nil, "EntityAlreadyExists"])
        #expect(audit.map(\.status) == [200, 409])
        #expect(audit.first?.targets == ["bob"])
    }
}
