/// Protocol upgrade facts of a request head (RFC 9110 §7.8).
extension HTTPRequestHead {
    /// Whether the client offers to switch protocols: HTTP/1.1, an `Upgrade` field, and a
    /// `Connection` field listing `upgrade` (case-insensitive). Only then may a `101` answer it.
    package var asksForUpgrade: Bool {
        guard version == .http1_1, headers.contains("upgrade") else { return false }
        for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, "connection") {
            if HTTPSyntax.listContains(field.value, "upgrade") { return true }
        }
        return false
    }
}
