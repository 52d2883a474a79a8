import Testing
@testable import Shared

@Suite struct ResourceTreeBuilderTests {
    static let api = RestApi(id: "abc123defg", name: "t", createdDate: 0, rootResourceId: "root")

    static func validate(_ resources: [Resource]) throws {
        try SnapshotCompiler.validate(DeploymentContent(api: api, resources: resources))
    }

    static let root = Resource(id: "root", path: "/")

    @Test(arguments: [
        ([Resource](), CompileError.missingRootResource),
        ([root, Resource(id: "r2", path: "/")], .multipleRootResources(ids: ["r2", "root"])),
        ([root, root], .duplicateResourceId("root")),
        ([root, Resource(id: "a", parentId: "ghost", pathPart: "a", path: "/a")], .unknownParent(resourceId: "a", parentId: "ghost")),
        ([root, Resource(id: "a", parentId: "b", pathPart: "a", path: "/a"), Resource(id: "b", parentId: "a", pathPart: "b", path: "/b")],
         .cyclicResources(resourceId: "a")),
        ([root, Resource(id: "a", parentId: "root", pathPart: "a b", path: "/a b")], .invalidPathPart(resourceId: "a", pathPart: "a b")),
        ([root, Resource(id: "a", parentId: "root", pathPart: nil, path: "/")], .invalidPathPart(resourceId: "a", pathPart: "")),
        ([root, Resource(id: "a", parentId: "root", pathPart: "pets", path: "/pets"), Resource(id: "b", parentId: "root", pathPart: "pets", path: "/pets")],
         .duplicateSibling(parentPath: "/", pathPart: "pets")),
        ([root, Resource(id: "a", parentId: "root", pathPart: "{id}", path: "/{id}"), Resource(id: "b", parentId: "root", pathPart: "{proxy+}", path: "/{proxy+}")],
         .variableSiblingConflict(parentPath: "/", pathPart: "{id}")),
        ([root, Resource(id: "g", parentId: "root", pathPart: "{proxy+}", path: "/{proxy+}"), Resource(id: "c", parentId: "g", pathPart: "x", path: "/{proxy+}/x")],
         .childOfGreedy(path: "/{proxy+}/x", greedyPart: "{proxy+}")),
    ])
    func rejectsInvalidResourceTrees(resources: [Resource], expected: CompileError) {
        #expect(throws: expected) { try Self.validate(resources) }
    }

    @Test func refusesToValidateAnApiWithoutMethods() {
        #expect(throws: CompileError.noMethods) { try Self.validate([Self.root]) }
    }

    @Test func acceptsLiteralAndOneVariableSiblingInAnyOrder() throws {
        try Self.validate([
            Resource(id: "v", parentId: "root", pathPart: "{id}", path: "/{id}"),
            Self.root,
            Resource(id: "l", parentId: "root", pathPart: "mine", path: "/mine"),
            Resource(id: "c", parentId: "v", pathPart: "toys", path: "/{id}/toys",
                     resourceMethods: ["GET": CompileFixtures.method("GET", Integration(type: "MOCK"))]),
        ])
    }
}
