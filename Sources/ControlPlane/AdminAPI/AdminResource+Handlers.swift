/// The Get / GetAll / Update / Delete handlers every kind of admin resource has, built from its
/// `AdminResource` so a new kind writes only what is its own: how to list, patch, check and store it.
///
/// Order inside each handler is AWS's and the same everywhere: scope (parent 404), the item
/// (its 404), then the body (`SerializationException`, patch-op validation), then the change.
extension AdminResource {
    /// `Create…` of an item with a fresh random id of `idLength` characters: decodes the body as
    /// `Input`, `make` checks it and builds the item with that id, `save` stores it; the id joins the
    /// audit row's targets and the reply is `render` of the item. A failed check stores nothing.
    func createHandler<Input: Decodable, Rendered: Encodable>(
        _ input: Input.Type, idLength: Int,
        make: @escaping @Sendable (Input, _ id: String, Scope, AdminCall, ConfigTransaction) throws -> Item,
        save: @escaping @Sendable (Item, Scope, AdminCall, ConfigTransaction) throws -> Void,
        render: @escaping @Sendable (Item) -> Rendered
    ) -> AdminAPI.Handler {
        { api, call, tx in
            let scope = try scope(api, call, tx)
            let body = try call.input(Input.self)
            let id = try freshID(length: idLength, in: scope, tx)
            let item = try make(body, id, scope, call, tx)
            try save(item, scope, call, tx)
            call.targets.append(id)
            return try .json(render(item))
        }
    }

    /// `Get…`: the addressed item as `render` shows it (e.g. an API key without its value).
    func getHandler<Rendered: Encodable>(
        _ render: @escaping @Sendable (Item, AdminCall, ConfigTransaction) throws -> Rendered
    ) -> AdminAPI.Handler {
        { api, call, tx in try .json(render(require(api, call, tx), call, tx)) }
    }

    /// `Get…s`: one page (`position`/`limit`, `AdminCall.page`) of what `items` lists in the call's scope,
    /// in the order it lists them (filters by query parameters go in `items`).
    func listHandler<Rendered: Encodable>(
        _ items: @escaping @Sendable (Scope, AdminCall, ConfigTransaction) throws -> [Rendered]
    ) -> AdminAPI.Handler {
        { api, call, tx in try .json(call.page(items(scope(api, call, tx), call, tx))) }
    }

    /// `Update…`: loads the item, applies the call's patch operations in order with `apply`, then
    /// `save` checks the result, stamps it if it has to and stores it; the reply is `render` of what was saved.
    func updateHandler<Rendered: Encodable>(
        apply: @escaping @Sendable (PatchOperation, inout Item, ConfigTransaction) throws -> Void,
        save: @escaping @Sendable (inout Item, Scope, AdminCall, ConfigTransaction) throws -> Void,
        render: @escaping @Sendable (Item) -> Rendered
    ) -> AdminAPI.Handler {
        { api, call, tx in
            let scope = try scope(api, call, tx)
            var item = try require(id(call), in: scope, api, tx)
            try call.applyPatches(to: &item) { patch, item in try apply(patch, &item, tx) }
            try save(&item, scope, call, tx)
            return try .json(render(item))
        }
    }

    /// `Delete…` where the store deletes by id and says whether there was one (else the 404).
    func deleteHandler(_ remove: @escaping @Sendable (ConfigTransaction, Scope, String) throws -> Bool) -> AdminAPI.Handler {
        { api, call, tx in
            let id = id(call)
            guard try remove(tx, scope(api, call, tx), id) else { throw notFound(api, id) }
            return .empty
        }
    }
}

extension AdminResource where Item: Encodable {
    /// `Create…` of an item shown as stored.
    func createHandler<Input: Decodable>(
        _ input: Input.Type, idLength: Int,
        make: @escaping @Sendable (Input, _ id: String, Scope, AdminCall, ConfigTransaction) throws -> Item,
        save: @escaping @Sendable (Item, Scope, AdminCall, ConfigTransaction) throws -> Void
    ) -> AdminAPI.Handler {
        createHandler(input, idLength: idLength, make: make, save: save) { $0 }
    }

    /// `Get…` of an item shown as stored.
    func getHandler() -> AdminAPI.Handler {
        getHandler { item, _, _ in item }
    }

    /// `Update…` of an item shown as stored.
    func updateHandler(apply: @escaping @Sendable (PatchOperation, inout Item, ConfigTransaction) throws -> Void,
                       save: @escaping @Sendable (inout Item, Scope, AdminCall, ConfigTransaction) throws -> Void) -> AdminAPI.Handler {
        updateHandler(apply: apply, save: save) { $0 }
    }
}
