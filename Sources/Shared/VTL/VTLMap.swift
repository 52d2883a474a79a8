/// A Java `LinkedHashMap`: insertion-ordered, mutable through `put`/`remove`, shared by reference.
///
/// Keys are values compared as Java's `equals` would for the scalars templates use (`"1"` and `1`
/// are different keys; `1` and `1L` are the same key, a simplification: Velocity keeps `Integer`
/// and `Long` apart).
package final class VTLMap {
    package private(set) var keys: [VTLValue] = []
    package private(set) var values: [VTLValue] = []
    private var index: [VTLMapKey: Int] = [:]

    package init() {}

    /// A map of `pairs` in order (a later repeat of a key replaces the earlier value in place).
    package init(_ pairs: [(String, VTLValue)]) {
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { put(.string(key), value) }
    }

    package var count: Int { keys.count }

    /// The value for `key`, nil when absent (Java's `get` returns null either way).
    package func get(_ key: VTLValue) -> VTLValue? {
        index[VTLMapKey(key)].map { values[$0] }
    }

    package func get(_ key: String) -> VTLValue? { get(.string(key)) }

    /// Stores `value` under `key`, keeping the key's first position; returns the previous value.
    @discardableResult
    package func put(_ key: VTLValue, _ value: VTLValue) -> VTLValue? {
        let mapKey = VTLMapKey(key)
        if let position = index[mapKey] {
            let previous = values[position]
            values[position] = value
            return previous
        }
        index[mapKey] = keys.count
        keys.append(key)
        values.append(value)
        return nil
    }

    /// Removes `key`; returns the value it had.
    @discardableResult
    package func remove(_ key: VTLValue) -> VTLValue? {
        guard let position = index.removeValue(forKey: VTLMapKey(key)) else { return nil }
        let previous = values[position]
        keys.remove(at: position)
        values.remove(at: position)
        for (key, slot) in index where slot > position { index[key] = slot - 1 }
        return previous
    }

    /// Drops every entry (used to break reference cycles after an evaluation).
    func removeAll() {
        keys.removeAll()
        values.removeAll()
        index.removeAll()
    }
}

/// The hashable identity of a map key.
enum VTLMapKey: Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case object(ObjectIdentifier)

    init(_ value: VTLValue) {
        switch value {
        case .null: self = .null
        case .bool(let v): self = .bool(v)
        case .int(let v): self = .int(v)
        case .double(let v): self = .double(v)
        case .string(let v): self = .string(v)
        case .list(let v): self = .object(ObjectIdentifier(v))
        case .map(let v): self = .object(ObjectIdentifier(v))
        case .host(let v): self = .object(ObjectIdentifier(v))
        }
    }
}
