import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// The handler builders of `AdminResource` on a toy service (widgets inside folders, kept in
/// memory): the contract every admin resource built on them gets, independent of API Gateway's
/// own handlers (whose tests cover the same through their operations).
@Suite struct AdminResourceTests {
    struct Folder: Encodable, Sendable { var id: String }
    struct Widget: Encodable, Sendable { var id: String; var name: String }
    struct CreateWidgetInput: Decodable { var name: String? }

    /// The toy store: folders by id, widgets by `folder/widget`.
    final class Shelf: Sendable {
        let folders = Mutex<Set<String>>(["f1"])
        let widgets = Mutex<[String: Widget]>([:])
    }

    static let service = AdminService("widgets")

    static let operations = [
        AdminOperation(service: service, name: "CreateWidget", method: "POST", uri: "/folders/{folder_id}/widgets", successCode: 201),
        AdminOperation(service: service, name: "GetWidgets", method: "GET", uri: "/folders/{folder_id}/widgets", successCode: 200),
        AdminOperation(service: service, name: "GetWidget", method: "GET", uri: "/folders/{folder_id}/widgets/{widget_id}", successCode: 200),
        AdminOperation(service: service, name: "UpdateWidget", method: "PATCH", uri: "/folders/{folder_id}/widgets/{widget_id}", successCode: 200),
        AdminOperation(service: service, name: "DeleteWidget", method: "DELETE", uri: "/folders/{folder_id}/widgets/{widget_id}", successCode: 202),
    ]

    /// The five handlers of a new kind of resource, each in a line or a few.
    static func handlers(_ shelf: Shelf) -> [String: AdminAPI.Handler] {
        let folders = AdminResource<Void, Folder>(label: "folder_id", notFound: "Invalid Folder identifier specified") { _, id in
            shelf.folders.withLock { $0.contains(id) } ? Folder(id: id) : nil
        }
        let widgets = folders.child(label: "widget_id", notFound: "Invalid Widget identifier specified") { _, folder, id in
            shelf.widgets.withLock { $0["\(folder.id)/\(id)"] }
        }
        let store: @Sendable (Widget, Folder) -> Void = { widget, folder in
            shelf.widgets.withLock { $0["\(folder.id)/\(widget.id)"] = widget }
        }
        return [
            "CreateWidget": widgets.createHandler(CreateWidgetInput.self, idLength: 6, make: { input, id, _, call, _ in
                guard let name = input.name else { throw AdminError.missing("name", in: call.operation.name) }
                return Widget(id: id, name: name)
            }, save: { widget, folder, _, _ in store(widget, folder) }),
            "GetWidgets": widgets.listHandler { folder, _, _ in
                shelf.widgets.withLock { $0 }.filter { $0.key.hasPrefix("\(folder.id)/") }.values.sorted { $0.name < $1.name }
            },
            "GetWidget": widgets.getHandler(),
            "UpdateWidget": widgets.updateHandler(apply: { patch, widget, _ in
                guard patch.op == "replace", patch.path == "/name" else { throw patch.invalidPath(mustBeOneOf: ["/name"]) }
                widget.name = try patch.requiredValue()
            }, save: { widget, folder, _, _ in store(widget, folder) }),
            "DeleteWidget": widgets.deleteHandler { _, folder, id in
                shelf.widgets.withLock { $0.removeValue(forKey: "\(folder.id)/\(id)") != nil }
            },
        ]
    }

    /// An admin API serving only the widget service, on a fresh store.
    final class Harness {
        let directory: TemporaryDirectory
        let store: ConfigStore
        let shelf = Shelf()
        let api: AdminAPI
        private var counter = 0

        init() throws {
            directory = try TemporaryDirectory()
            store = try ConfigStore(directory: directory.path)
            let catalog = AdminCatalog([AdminCatalog.Service(service: AdminResourceTests.service, operations: AdminResourceTests.operations,
                                                             handlers: [AdminResourceTests.handlers(shelf)])])
            api = AdminAPI(store: store, configuration: .init(), clock: { 1_700_000_000 }, checks: .compiler, quota: nil,
                           log: .discard, catalog: catalog)
        }

        deinit { directory.remove() }

        func send(_ method: String, _ target: String, _ body: String = "") -> (status: Int, type: String?, json: [String: Any]) {
            counter += 1
            let request = HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(method), target: target, headers: [:]), body: Array(body.utf8))
            let response = api.handle(request, identity: "AKIDADMIN", requestId: "r\(counter)")
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
            return (response.status, response.headers["x-amzn-ErrorType"], json)
        }

        func widget(_ name: String) -> String {
            send("POST", "/folders/f1/widgets", #"{"name":"\#(name)"}"#).json["id"] as? String ?? ""
        }
    }

    @Test func anUnknownParentAnswersTheParentsNotFoundBeforeTheChild() throws {
        let h = try Harness()
        for (method, target) in [("GET", "/folders/nope/widgets/w1"), ("GET", "/folders/nope/widgets"),
                                 ("PATCH", "/folders/nope/widgets/w1"), ("DELETE", "/folders/nope/widgets/w1")] {
            let answer = h.send(method, target)
            #expect(answer.status == 404 && answer.type == "NotFoundException")
            #expect(answer.json["message"] as? String == "Invalid Folder identifier specified")
        }
        let child = h.send("GET", "/folders/f1/widgets/w1")
        #expect(child.status == 404 && child.json["message"] as? String == "Invalid Widget identifier specified")
    }

    @Test func createAssignsAFreshIdRendersTheItemAndAuditsTheId() throws {
        let h = try Harness()
        let created = h.send("POST", "/folders/f1/widgets", #"{"name":"a"}"#)
        let id = try #require(created.json["id"] as? String)
        #expect(created.status == 201 && id.count == 6 && created.json["name"] as? String == "a")
        #expect(h.send("GET", "/folders/f1/widgets/\(id)").json["name"] as? String == "a")
        let targets = try h.store.read { try $0.audit(since: 0, limit: 10) }.map(\.targets)
        #expect(targets == [["f1", id]])
        // A refused body stores nothing and audits no id.
        let refused = h.send("POST", "/folders/f1/widgets", "{}")
        #expect(refused.status == 400 && refused.type == "ValidationException")
        #expect(h.shelf.widgets.withLock { $0.count } == 1)
        #expect(try h.store.read { try $0.audit(since: 0, limit: 10) }.last?.targets == ["f1"])
    }

    @Test func listPagesByPositionAndLimit() throws {
        let h = try Harness()
        for name in ["a", "b", "c"] { _ = h.widget(name) }
        let first = h.send("GET", "/folders/f1/widgets?limit=2")
        #expect((first.json["item"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["a", "b"])
        #expect(first.json["position"] as? String == "2")
        let last = h.send("GET", "/folders/f1/widgets?limit=2&position=2")
        #expect((last.json["item"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["c"])
        #expect(last.json["position"] == nil)
        let bad = h.send("GET", "/folders/f1/widgets?limit=x")
        #expect(bad.status == 400 && bad.json["message"] as? String == "Invalid limit: x")
    }

    @Test func updateFindsTheItemBeforeReadingTheBodyAndStoresOnlyWhenEveryPatchApplies() throws {
        let h = try Harness()
        let id = h.widget("a")
        // The 404 wins over a body that is not JSON.
        #expect(h.send("PATCH", "/folders/f1/widgets/zzz", "not json").status == 404)
        #expect(h.send("PATCH", "/folders/f1/widgets/\(id)", "not json").type == "SerializationException")
        let renamed = h.send("PATCH", "/folders/f1/widgets/\(id)",
                             #"{"patchOperations":[{"op":"replace","path":"/name","value":"b"},{"op":"replace","path":"/name","value":"c"}]}"#)
        #expect(renamed.status == 200 && renamed.json["name"] as? String == "c")
        let refused = h.send("PATCH", "/folders/f1/widgets/\(id)",
                             #"{"patchOperations":[{"op":"replace","path":"/name","value":"d"},{"op":"remove","path":"/id"}]}"#)
        #expect(refused.status == 400)
        #expect(refused.json["message"] as? String == "Invalid patch path  '/id' specified for op 'remove'. Must be one of: [/name]")
        #expect(h.send("GET", "/folders/f1/widgets/\(id)").json["name"] as? String == "c")
    }

    @Test func deleteAnswersTheChildsNotFoundWhenThereIsNothingToRemove() throws {
        let h = try Harness()
        let id = h.widget("a")
        #expect(h.send("DELETE", "/folders/f1/widgets/\(id)").status == 202)
        let again = h.send("DELETE", "/folders/f1/widgets/\(id)")
        #expect(again.status == 404 && again.json["message"] as? String == "Invalid Widget identifier specified")
    }
}
