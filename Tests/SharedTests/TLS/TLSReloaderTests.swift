import Synchronization
import Testing
@testable import Shared

/// Reload on change and on SIGHUP, driven tick by tick: file signatures and the load are
/// stand-ins, so no files, clock or server are involved (the real thing runs in
/// `TLSReloadEndToEndTests`).
@Suite struct TLSReloaderTests {
    /// The files' signatures and whether loading them works, set by the test; counts the loads.
    final class Stand: Sendable {
        private let state = Mutex<(signatures: [String: TLSFileWatch.Signature], failure: TLSError?, loads: Int)>(([:], nil, 0))

        init() {
            set("cert.pem")
            set("key.pem")
        }

        func set(_ path: String, inode: UInt64 = 1, size: Int64 = 100, modified: Int64 = 1) {
            state.withLock { $0.signatures[path] = TLSFileWatch.Signature(inode: inode, size: size, modifiedNanos: modified) }
        }
        func signature(_ path: String) -> TLSFileWatch.Signature? { state.withLock { $0.signatures[path] } }
        /// Later loads fail with `failure` (nil: they succeed).
        func loadsFail(_ failure: TLSError?) { state.withLock { $0.failure = failure } }
        var loads: Int { state.withLock { $0.loads } }

        func load() throws(TLSError) {
            let failure = state.withLock { state in
                state.loads += 1
                return state.failure
            }
            if let failure { throw failure }
        }

        func reloader() -> TLSReloader {
            TLSReloader(certificateFile: "cert.pem", keyFile: "key.pem", signature: { [self] in signature($0) })
        }
    }

    static let mismatch = TLSError.configuration("private key does not match the certificate")

    @Test func unchangedFilesAreNotLoaded() {
        let stand = Stand()
        let reloader = stand.reloader()
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(stand.loads == 0)
        #expect(reloader.counters.polls == 2)
    }

    @Test func aChangeIsLoadedOnceAndLogged() {
        let stand = Stand()
        let reloader = stand.reloader()
        stand.set("cert.pem", inode: 2)
        #expect(reloader.tick(load: stand.load) == "TLS certificate files changed: TLS certificate reloaded from cert.pem and key.pem")
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(stand.loads == 1)
        var expected = TLSReloader.Counters()
        expected.polls = 2
        expected.reloads = 1
        #expect(reloader.counters == expected)
    }

    @Test func aFailedLoadIsRetriedOnEveryTickLoggedOnceAndAFixTheSignaturesCannotShowIsPickedUp() throws {
        let stand = Stand()
        let reloader = stand.reloader()
        stand.set("cert.pem", inode: 2)  // the new certificate, the old key
        stand.loadsFail(Self.mismatch)
        let line = try #require(reloader.tick(load: stand.load))
        #expect(line.hasPrefix("TLS certificate files changed: TLS certificate not reloaded, the old one keeps serving: "
                               + "TLS configuration: private key does not match the certificate"))
        #expect(reloader.counters.failing)
        // Every tick tries again; the same failure is not logged again.
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(stand.loads == 3)
        #expect(reloader.counters.failures == 3)
        // The key is fixed in a way the signatures do not show (same size, same time, in place).
        stand.loadsFail(nil)
        #expect(reloader.tick(load: stand.load) == "TLS certificate files changed: TLS certificate reloaded from cert.pem and key.pem")
        #expect(!reloader.counters.failing)
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(stand.loads == 4)
    }

    @Test func aNewStateOrReasonOfFailureIsLoggedAgain() {
        let stand = Stand()
        let reloader = stand.reloader()
        stand.set("cert.pem", inode: 2)
        stand.loadsFail(Self.mismatch)
        #expect(reloader.tick(load: stand.load) != nil)
        stand.loadsFail(.configuration("cannot load private key key.pem"))
        #expect(reloader.tick(load: stand.load) != nil)  // another reason
        stand.set("key.pem", size: 50)  // half-written
        #expect(reloader.tick(load: stand.load) != nil)  // another state
        #expect(reloader.tick(load: stand.load) == nil)
    }

    @Test func hangUpLoadsWhateverTheStateAndAlwaysLogs() {
        let stand = Stand()
        let reloader = stand.reloader()
        #expect(reloader.hangUp(load: stand.load) == "SIGHUP: TLS certificate reloaded from cert.pem and key.pem")
        stand.loadsFail(Self.mismatch)
        #expect(reloader.hangUp(load: stand.load).hasPrefix("SIGHUP: TLS certificate not reloaded, the old one keeps serving: "))
        #expect(reloader.hangUp(load: stand.load).hasPrefix("SIGHUP: TLS certificate not reloaded"))
        #expect(stand.loads == 3)
        #expect(reloader.counters.reloads == 1 && reloader.counters.failures == 2)
    }

    @Test func filesASignalAlreadyLoadedAreNotLoadedAgainOnTheNextTick() {
        let stand = Stand()
        let reloader = stand.reloader()
        stand.set("cert.pem", inode: 2)
        stand.set("key.pem", inode: 2)
        _ = reloader.hangUp(load: stand.load)
        #expect(reloader.tick(load: stand.load) == nil)
        #expect(stand.loads == 1)
    }
}
