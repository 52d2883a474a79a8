/// Whether a request's `Cache-Control` asks for a fresh answer (pure): `max-age=0` among its
/// comma-separated directives, names without case, spaces around them ignored, the value
/// possibly quoted. Anything else (`no-cache`, `max-age=10`) does not invalidate, as on AWS.
enum CacheControlDirective {
    static func requestsInvalidation(_ header: String?) -> Bool {
        guard let header else { return false }
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: " \t")
            guard name.lowercased() == "max-age" else { continue }
            var value = parts[1].trimmingCharacters(in: " \t")
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if let seconds = Int(value), seconds == 0 { return true }
        }
        return false
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
