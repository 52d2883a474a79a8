/// `$foreach` inside a `#foreach` body, as Velocity 1.7's `ForeachScope`: `index` (from 0),
/// `count` (from 1), `hasNext`, `first`, `last`, and `parent` (the enclosing loop's scope).
final class VTLForeachScope: VTLHostObject {
    var index = 0
    let total: Int
    let parent: VTLForeachScope?

    init(count: Int, parent: VTLForeachScope?) {
        self.total = count
        self.parent = parent
    }

    func property(_ name: String) -> VTLValue? {
        switch name {
        case "index": return .int(Int64(index))
        case "count": return .int(Int64(index + 1))
        case "hasNext": return .bool(index + 1 < total)
        case "first": return .bool(index == 0)
        case "last": return .bool(index + 1 == total)
        case "parent": return parent.map { .host($0) } ?? .null
        default: return nil
        }
    }

    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? {
        guard arguments.isEmpty else { return nil }
        switch method {
        case "getIndex": return property("index")
        case "getCount": return property("count")
        case "hasNext", "getHasNext": return property("hasNext")
        case "isFirst", "getFirst": return property("first")
        case "isLast", "getLast": return property("last")
        case "getParent": return property("parent")
        default: return nil
        }
    }

    var rendered: String { "foreach" }
}

/// One entry of `$map.entrySet()`: `key`/`getKey()`, `value`/`getValue()`.
final class VTLMapEntry: VTLHostObject {
    let key: VTLValue
    let value: VTLValue

    init(key: VTLValue, value: VTLValue) {
        self.key = key
        self.value = value
    }

    func property(_ name: String) -> VTLValue? {
        switch name {
        case "key": return key
        case "value": return value
        default: return nil
        }
    }

    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? {
        guard arguments.isEmpty else { return nil }
        switch method {
        case "getKey": return key
        case "getValue": return value
        default: return nil
        }
    }

    var rendered: String { VTLRendering.string(key) + "=" + VTLRendering.string(value) }
}
