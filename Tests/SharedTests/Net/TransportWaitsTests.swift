import Testing
@testable import Shared

/// The epoll interest a connection shell registers follows what its transport waits for.
@Suite("TransportWaits")
struct TransportWaitsTests {
    static let readable = Epoll.Flags.readable
    static let writable = Epoll.Flags.writable

    @Test func plainOperationsWaitForTheirOwnDirection() {
        var waits = TransportWaits()
        waits.noteRead(.wouldBlock(.readable))
        waits.noteWrite(.wouldBlock(.writable))
        #expect(waits.interest(reading: true, writing: false) == Self.readable)
        #expect(waits.interest(reading: false, writing: true) == Self.writable)
        #expect(waits.interest(reading: true, writing: true) == Self.readable | Self.writable)
        #expect(waits.interest(reading: false, writing: false) == 0)
        #expect(waits.readReady(Self.readable) && !waits.readReady(Self.writable))
        #expect(waits.writeReady(Self.writable) && !waits.writeReady(Self.readable))
    }

    @Test func aReadThatWantsWritableWatchesWritableAndResumesOnIt() {
        var waits = TransportWaits()
        waits.noteRead(.wouldBlock(.writable))
        #expect(waits.interest(reading: true, writing: false) == Self.writable)
        #expect(waits.readReady(Self.writable))
        #expect(!waits.readReady(Self.readable))
        waits.noteRead(.bytes(10))
        #expect(waits.interest(reading: true, writing: false) == Self.readable, "back to normal once a read moves bytes")
    }

    @Test func aWriteThatWantsReadableWatchesReadableAndResumesOnIt() {
        var waits = TransportWaits()
        waits.noteWrite(.wouldBlock(.readable))
        #expect(waits.interest(reading: false, writing: true) == Self.readable)
        #expect(waits.writeReady(Self.readable))
        #expect(!waits.writeReady(Self.writable))
        waits.noteWrite(.bytes(1))
        #expect(waits.interest(reading: false, writing: true) == Self.writable)
    }

    @Test func anUnfinishedGracefulCloseKeepsItsInterestUntilDone() {
        var waits = TransportWaits()
        #expect(!waits.shutdownReady(Self.readable | Self.writable))
        waits.noteShutdown(.wouldBlock(.writable))
        #expect(waits.interest(reading: false, writing: false) == Self.writable)
        #expect(waits.shutdownReady(Self.writable))
        waits.noteShutdown(.bytes(0))
        #expect(waits.interest(reading: false, writing: false) == 0)
        #expect(!waits.shutdownReady(Self.writable))
    }
}
