/// JSON documents as template values: what `$input.path` and `$util.parseJson` return.
extension VTLValue {
    /// Objects become insertion-ordered maps, arrays lists, integral numbers below 2⁵³ integers
    /// (Jayway's json-smart reads `1` as an `Integer`, `1.5` as a `Double`; `JSONValue` keeps a
    /// double either way, so `1.0` reads as the integer `1` here), the rest doubles.
    package init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
                self = .int(Int64(number))
            } else {
                self = .double(number)
            }
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(VTLList(items.map(VTLValue.init(json:))))
        case .object(let members):
            let map = VTLMap()
            for member in members { map.put(.string(member.key), VTLValue(json: member.value)) }
            self = .map(map)
        }
    }
}
