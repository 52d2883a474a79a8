import Shared

/// An IAM request in AWS's Query protocol: a form-encoded body (`Action=CreateUser&Version=2010-05-08&UserName=bob`),
/// or the same pairs in the URL query, read into flat parameters.
///
/// Pure parsing, no I/O. `+` is a space and `%XX` a byte, as in `application/x-www-form-urlencoded`;
/// a repeated name keeps its last value. Lists use the Query protocol's flattened names
/// (`Tags.member.1.Key`), read with `list(_:fields:)`.
struct IAMQueryRequest: Equatable {
    /// The one API version IAM has.
    static let version = "2010-05-08"

    let action: String
    let parameters: [String: String]

    /// Whether `body` looks like a Query-protocol call: a form whose pairs include `Action=`.
    static func isQueryForm(_ body: [UInt8]) -> Bool {
        pairs(body).contains { $0.name == "Action" }
    }

    /// The request in `body` (form) merged over `query` (URL); nil when neither names an `Action`.
    static func parse(body: [UInt8], query: Substring?) -> IAMQueryRequest? {
        var parameters: [String: String] = [:]
        if let query { for pair in pairs(Array(query.utf8)) { parameters[pair.name] = pair.value } }
        for pair in pairs(body) { parameters[pair.name] = pair.value }
        guard let action = parameters.removeValue(forKey: "Action"), !action.isEmpty else { return nil }
        return IAMQueryRequest(action: action, parameters: parameters)
    }

    /// `name=value` pairs of a form, decoded.
    static func pairs(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { piece in
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                return (decode(piece[..<equals]), decode(piece[piece.index(after: equals)...]))
            }
            return (decode(piece[...]), "")
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: PercentDecoding.decode(bytes, plusAsSpace: true), as: UTF8.self)
    }

    subscript(name: String) -> String? { parameters[name] }

    /// The members of list `name` (`name.member.1.Key`, `name.member.2.Key`, …), each as its fields,
    /// in index order; stops at the first missing index, as AWS's parsers do.
    func list(_ name: String, fields: [String]) -> [[String: String]] {
        var items: [[String: String]] = []
        var index = 1
        while index <= 1000 {
            var item: [String: String] = [:]
            for field in fields {
                if let value = parameters["\(name).member.\(index).\(field)"] { item[field] = value }
            }
            if item.isEmpty { break }
            items.append(item)
            index += 1
        }
        return items
    }
}
