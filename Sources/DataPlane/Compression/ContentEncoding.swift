import Shared

/// What a request's `Content-Encoding` says was done to its body, and so what the gateway must
/// undo before the method request sees it (pure).
///
/// RFC 9110 §8.4: the codings are listed in the order they were applied (over one or several
/// header fields), so they are undone last to first. `identity` and empty elements change
/// nothing. AWS supports `gzip`, `deflate` and `identity` and answers 415 for any other coding
/// (`br`, `compress`, `x-foo`); Tollgate also refuses a list of more than `maxCodings` real
/// codings (AWS's limit is unknown; nobody stacks more than two).
enum ContentEncoding: Equatable {
    /// No header, or only `identity`: the body is as sent.
    case identity
    /// The codings to undo, in the order to undo them (the last applied first).
    case decode([ContentCoding])
    /// A coding the gateway does not support, or too many of them.
    case unsupported

    /// The most codings one body may carry.
    static let maxCodings = 4

    init(_ values: [String]) {
        var applied: [ContentCoding] = []
        for value in values {
            for element in value.split(separator: ",") {
                let name = element.trimmingASCIIWhitespace()
                if name.isEmpty || name.lowercased() == "identity" { continue }
                guard let coding = ContentCoding(contentEncoding: String(name)), applied.count < Self.maxCodings else {
                    self = .unsupported
                    return
                }
                applied.append(coding)
            }
        }
        self = applied.isEmpty ? .identity : .decode(applied.reversed())
    }
}
