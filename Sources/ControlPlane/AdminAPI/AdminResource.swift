import Shared

/// How the admin handlers find one kind of resource: the URI label that holds its id, the scope it
/// lives in (nothing, or a parent such as the REST API), the store lookup, and AWS's
/// `NotFoundException` for an unknown id.
///
/// Declared once per kind (`AdminAPI.apiKey`, `AdminAPI.deployment`, …) and immutable; the handler
/// builders in `AdminResource+Handlers` turn it into Get/GetAll/Update/Delete handlers. The scope is
/// resolved first, so an unknown parent answers the parent's 404 before the child is looked up, as
/// AWS does (`Invalid API identifier specified …` before `Invalid Stage identifier specified`).
struct AdminResource<Scope, Item>: Sendable {
    /// The URI label of the id (`api_Key`, `deployment_id`), as in the operation's URI template.
    let label: String
    /// Resolves the scope of the call (the parent's own lookup, with its 404), or `()` at the top level.
    let scope: @Sendable (AdminAPI, AdminCall, ConfigTransaction) throws -> Scope
    /// The stored item with this id in this scope, or nil.
    let find: @Sendable (ConfigTransaction, Scope, String) throws -> Item?
    /// AWS's 404 for an unknown id (the API is needed where the message names the account).
    let notFound: @Sendable (AdminAPI, String) -> AdminError

    /// The call's id: the value of `label`.
    func id(_ call: AdminCall) -> String {
        call.label(label)
    }

    /// The item the call addresses (scope first), or the right 404.
    func require(_ api: AdminAPI, _ call: AdminCall, _ tx: ConfigTransaction) throws -> Item {
        try require(id(call), in: scope(api, call, tx), api, tx)
    }

    /// The item `id` in `scope` (an id from a body or query rather than the URI), or its 404.
    func require(_ id: String, in scope: Scope, _ api: AdminAPI, _ tx: ConfigTransaction) throws -> Item {
        guard let item = try find(tx, scope, id) else { throw notFound(api, id) }
        return item
    }

    /// A new random id of `length` characters that no item in `scope` has yet (what every Create
    /// operation assigns; AWS's ids are 10 characters at the top level, 6 or 10 below).
    func freshID(length: Int, in scope: Scope, _ tx: ConfigTransaction) throws -> String {
        var id = ResourceID.generate(length: length)
        while try find(tx, scope, id) != nil { id = ResourceID.generate(length: length) }
        return id
    }

    /// A kind of resource under this one: its scope is this resource, required (with this
    /// resource's 404) from the same call.
    func child<Child>(label: String, notFound message: String,
                      find: @escaping @Sendable (ConfigTransaction, Item, String) throws -> Child?) -> AdminResource<Item, Child> {
        AdminResource<Item, Child>(label: label, scope: { api, call, tx in try require(api, call, tx) }, find: find,
                                   notFound: { _, _ in .notFound(message) })
    }
}

extension AdminResource where Scope == Void {
    /// A top-level kind of resource (API keys, usage plans) with a fixed 404 message.
    init(label: String, notFound message: String, find: @escaping @Sendable (ConfigTransaction, String) throws -> Item?) {
        self.init(label: label, notFound: { _, _ in .notFound(message) }, find: find)
    }

    /// A top-level kind of resource whose 404 depends on the id or the API's configuration.
    init(label: String, notFound: @escaping @Sendable (AdminAPI, String) -> AdminError,
         find: @escaping @Sendable (ConfigTransaction, String) throws -> Item?) {
        self.init(label: label, scope: { _, _, _ in }, find: { tx, _, id in try find(tx, id) }, notFound: notFound)
    }

    /// The item `id` (from a body or query), or its 404.
    func require(_ id: String, _ api: AdminAPI, _ tx: ConfigTransaction) throws -> Item {
        try require(id, in: (), api, tx)
    }

    /// A new random id no item has yet.
    func freshID(length: Int, _ tx: ConfigTransaction) throws -> String {
        try freshID(length: length, in: (), tx)
    }
}
