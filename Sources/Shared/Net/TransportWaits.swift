/// What a connection's transport waits for, per operation, and the epoll interest that follows.
///
/// A plain socket's read waits for readable and its write for writable, so the interest is the
/// usual one. A TLS transport may answer a read with "wants writable" (a renegotiation or a
/// pending handshake record) and a write with "wants readable": the shell records each outcome
/// here and asks which operations a readiness event unblocks. Pure value, owned by one shell.
struct TransportWaits: Equatable {
    /// What the last unfinished read waits for (readable after any read that moved bytes).
    private(set) var read = TransportWait.readable
    /// What the last unfinished write waits for (writable after any write that moved bytes).
    private(set) var write = TransportWait.writable
    /// A graceful close that is not finished, and what it waits for.
    private(set) var shutdown: TransportWait?

    mutating func noteRead(_ result: TransportResult) {
        if case .wouldBlock(let wait) = result { read = wait } else { read = .readable }
    }

    mutating func noteWrite(_ result: TransportResult) {
        if case .wouldBlock(let wait) = result { write = wait } else { write = .writable }
    }

    mutating func noteShutdown(_ result: TransportResult) {
        if case .wouldBlock(let wait) = result { shutdown = wait } else { shutdown = nil }
    }

    /// Whether epoll `flags` let a blocked read go on.
    func readReady(_ flags: UInt32) -> Bool { flags & read.epollFlag != 0 }

    /// Whether epoll `flags` let a blocked write go on.
    func writeReady(_ flags: UInt32) -> Bool { flags & write.epollFlag != 0 }

    /// Whether epoll `flags` let an unfinished graceful close go on.
    func shutdownReady(_ flags: UInt32) -> Bool {
        guard let shutdown else { return false }
        return flags & shutdown.epollFlag != 0
    }

    /// The interest for a connection that wants to read and/or write (plus an unfinished close).
    func interest(reading: Bool, writing: Bool) -> UInt32 {
        var flags: UInt32 = 0
        if reading { flags |= read.epollFlag }
        if writing { flags |= write.epollFlag }
        if let shutdown { flags |= shutdown.epollFlag }
        return flags
    }
}
