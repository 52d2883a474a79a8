import Testing
@testable import ControlPlane

/// The Query protocol's form bodies, as botocore and the CLI send them.
@Suite struct IAMQueryRequestTests {
    @Test(arguments: [
        ("Action=CreateUser&Version=2010-05-08&UserName=bob", "CreateUser", ["Version": "2010-05-08", "UserName": "bob"]),
        // `+` is a space and %XX a byte, as in every form body.
        ("Action=PutUserPolicy&PolicyDocument=%7B%22a%22%3A+1%7D&UserName=a%2Bb", "PutUserPolicy",
         ["PolicyDocument": #"{"a": 1}"#, "UserName": "a+b"]),
        ("UserName=x&Action=GetUser&&Flag", "GetUser", ["UserName": "x", "Flag": ""]),
        ("Action=GetUser&UserName=first&UserName=last", "GetUser", ["UserName": "last"]),
    ] as [(String, String, [String: String])])
    func readsFormBodies(body: String, action: String, parameters: [String: String]) throws {
        let request = try #require(IAMQueryRequest.parse(body: Array(body.utf8), query: nil))
        #expect(request.action == action)
        #expect(request.parameters == parameters)
    }

    @Test(arguments: ["", "UserName=bob", "Action=", "{\"Action\":\"CreateUser\"}"])
    func withoutAnActionThereIsNoRequest(body: String) {
        #expect(IAMQueryRequest.parse(body: Array(body.utf8), query: nil) == nil)
    }

    @Test(arguments: [("Action=ListUsers&Version=2010-05-08", true), ("Version=1&Action=X", true),
                      (#"{"name":"api"}"#, false), ("", false), ("UserName=a", false)])
    func tellsQueryFormsFromOtherBodies(body: String, isQuery: Bool) {
        #expect(IAMQueryRequest.isQueryForm(Array(body.utf8)) == isQuery)
    }

    @Test func theBodyWinsOverTheURLQuery() throws {
        let request = try #require(IAMQueryRequest.parse(body: Array("UserName=body".utf8), query: "Action=GetUser&UserName=url"))
        #expect(request.action == "GetUser")
        #expect(request["UserName"] == "body")
    }

    @Test func readsFlattenedListsInIndexOrderUpToTheFirstGap() throws {
        let body = "Action=CreateUser&Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.4.Key=d"
        let request = try #require(IAMQueryRequest.parse(body: Array(body.utf8), query: nil))
        #expect(request.list("Tags", fields: ["Key", "Value"]) == [["Key": "a", "Value": "1"], ["Key": "b"]])
    }
}
