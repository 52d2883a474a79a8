/// Protocol upgrade facts of a request head (RFC 9110 §7.8).
extension HTTPRequestHead {
    /// Whether the client offers to switch protocols: HTTP/1.1, an `Upgrade` field, and a
    /// `Connection` field listing `upgrade` (case-insensitive). Only then may a `101` answer it.
    package var asksForUpgrade: Bool { connectionOptions.asksForUpgrade }

    /// `isKeepAlive` and `asksForUpgrade` from one pass over the `Connection` fields: the server
    /// needs both for every request, and a second pass cost about 150 instructions per request.
    var connectionOptions: (keepAlive: Bool, asksForUpgrade: Bool) {
        var close = false, keepAlive = false, upgrade = false
        for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, "connection") {
            if HTTPSyntax.listContains(field.value, "close") { close = true }
            if HTTPSyntax.listContains(field.value, "keep-alive") { keepAlive = true }
            if HTTPSyntax.listContains(field.value, "upgrade") { upgrade = true }
        }
        let asks = upgrade && version == .http1_1 && headers.contains("upgrade")
        if close { return (false, asks) }
        return (version == .http1_1 || (version == .http1_0 && keepAlive), asks)
    }
}
