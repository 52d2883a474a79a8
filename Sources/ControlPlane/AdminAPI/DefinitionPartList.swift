import Shared

/// One id-keyed list of an API definition's parts (its authorizers, its request validators) as
/// the admin handlers edit it: store a part in place or appended, and delete one unless a method
/// still names it. A list that empties is left out (nil), so the definition encodes as before.
struct DefinitionPartList<Part: Sendable>: Sendable {
    /// The word for the part in AWS-style messages ("authorizer", "request validator").
    let kind: String
    let parts: WritableKeyPath<DeploymentContent, [Part]?> & Sendable
    let id: KeyPath<Part, String> & Sendable
    /// Whether `method` names the part with this id.
    let isUsed: @Sendable (Method, String) -> Bool

    /// `content` with `part` in place of the part with its id, else appended, saved.
    func save(_ part: Part, in content: DeploymentContent, _ tx: ConfigTransaction) throws {
        var changed = content
        var list = changed[keyPath: parts] ?? []
        if let index = list.firstIndex(where: { $0[keyPath: id] == part[keyPath: id] }) { list[index] = part } else { list.append(part) }
        changed[keyPath: parts] = list
        try tx.updateRestApi(changed)
    }

    /// Deletes part `partId` from `content`: false when there is none (the caller's 404), a 409
    /// while a method names it (deleting it would leave that method pointing nowhere).
    func delete(_ partId: String, from content: DeploymentContent, _ tx: ConfigTransaction) throws -> Bool {
        guard content[keyPath: parts]?.contains(where: { $0[keyPath: id] == partId }) == true else { return false }
        if let user = content.methods.first(where: { isUsed($0.method, partId) }) {
            throw AdminError.conflict("Cannot delete \(kind) '\(partId)', is referenced in method: \(user.verb) \(user.path)")
        }
        var changed = content
        changed[keyPath: parts]?.removeAll { $0[keyPath: id] == partId }
        if changed[keyPath: parts]?.isEmpty == true { changed[keyPath: parts] = nil }
        try tx.updateRestApi(changed)
        return true
    }
}
