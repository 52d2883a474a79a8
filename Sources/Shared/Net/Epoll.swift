#if canImport(Glibc)
import Glibc
#endif
import CTollgateShim

/// An epoll instance and its event array: the only place `epoll_event` appears.
///
/// Level-triggered. Each registration carries a 64-bit token chosen by the caller (the event
/// loop packs a descriptor and a generation into it). Owned and used by one event loop thread.
final class Epoll {
    /// Interest and readiness flags, as plain bit masks.
    enum Flags {
        static let readable: UInt32 = EPOLLIN.rawValue
        static let writable: UInt32 = EPOLLOUT.rawValue
        static let readHangup: UInt32 = EPOLLRDHUP.rawValue
        static let hangup: UInt32 = EPOLLHUP.rawValue
        static let error: UInt32 = EPOLLERR.rawValue
    }

    let fd: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    let capacity: Int

    init(capacity: Int = 256) throws(SyscallError) {
        fd = try Syscall.retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        self.capacity = capacity
        // Safe: freed in deinit; only indices < capacity are touched.
        events = .allocate(capacity: capacity)
        events.initialize(repeating: epoll_event(), count: capacity)
    }

    deinit {
        events.deallocate()
        Syscall.close(fd)
    }

    func add(_ target: Int32, interest: UInt32, token: UInt64) throws(SyscallError) {
        try control(EPOLL_CTL_ADD, target, interest, token)
    }

    func modify(_ target: Int32, interest: UInt32, token: UInt64) throws(SyscallError) {
        try control(EPOLL_CTL_MOD, target, interest, token)
    }

    func remove(_ target: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, target, &event)
    }

    private func control(_ op: Int32, _ target: Int32, _ interest: UInt32, _ token: UInt64) throws(SyscallError) {
        var event = epoll_event()
        event.events = interest
        event.data.u64 = token
        _ = try Syscall.retrying("epoll_ctl") { epoll_ctl(fd, op, target, &event) }
    }

    /// Waits up to `timeoutMillis` (-1 = forever) and returns how many events are ready.
    func wait(timeoutMillis: Int32) throws(SyscallError) -> Int {
        do throws(SyscallError) {
            return Int(try Syscall.retrying("epoll_wait") { epoll_wait(fd, events, Int32(capacity), timeoutMillis) })
        } catch where error.code == EINTR {
            return 0
        }
    }

    /// The readiness flags and token of ready event `index` (< the last `wait` result).
    @inline(__always)
    func event(at index: Int) -> (flags: UInt32, token: UInt64) {
        precondition(index >= 0 && index < capacity)
        // Safe: index checked against the allocation above.
        let event = events[index]
        return (event.events, event.data.u64)
    }
}
