import Shared

/// The client's address for `aws:SourceIp` and `$context.identity.sourceIp`: the socket's peer,
/// or — only when that peer is a trusted proxy — the rightmost `X-Forwarded-For` entry that is
/// not itself a trusted proxy (entries left of it could have been written by the client).
///
/// Pure. With no trusted proxies configured the header is never read.
enum ClientAddress {
    /// The forwarded address, or nil when the peer's own address stands.
    static func forwarded(peer: String, header: String?, trusted: [IPAddressRange]) -> String? {
        guard !trusted.isEmpty, let header, isTrusted(peer, trusted) else { return nil }
        for entry in header.split(separator: ",").reversed() {
            let address = entry.trimmingCharacters(in: " \t")
            guard IPAddressRange.Address(address.utf8) != nil else { return nil }  // malformed: believe nothing beyond it
            if !isTrusted(address, trusted) { return address }
        }
        return nil
    }

    private static func isTrusted(_ address: String, _ trusted: [IPAddressRange]) -> Bool {
        trusted.contains { $0.contains(address.utf8) }
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
