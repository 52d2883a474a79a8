import Foundation

/// The cursor of `tollgate audit --follow`: the highest audit `seq` printed so far.
///
/// Each poll asks the control plane for rows after `lastSeq` (`?after=`); `advance` keeps only the
/// rows it has not printed (a control plane that ignores `after`, or a poll that overlaps the
/// previous one, sends some again) and moves past them, so every entry is printed once, in `seq`
/// order. Pure: no I/O.
struct AuditCursor {
    /// Rows with this `seq` or lower have been printed (0: none yet).
    private(set) var lastSeq: Int64 = 0

    /// The rows of `items` (audit JSON objects) not printed yet, in `seq` order; moves the cursor
    /// past them. Rows without a `seq` are dropped (they cannot be placed).
    mutating func advance(_ items: [[String: Any]]) -> [[String: Any]] {
        let fresh = items.compactMap { item -> (Int64, [String: Any])? in
            guard let seq = (item["seq"] as? NSNumber)?.int64Value, seq > lastSeq else { return nil }
            return (seq, item)
        }.sorted { $0.0 < $1.0 }
        if let last = fresh.last?.0 { lastSeq = last }
        return fresh.map(\.1)
    }
}
