#if canImport(Glibc)
import Glibc
#endif
import CTollgateShim

/// The one place that calls the C socket, epoll, eventfd, thread and signal functions.
///
/// Every wrapper retries `EINTR` and turns `errno` into a `SyscallError`. Raw pointers appear
/// only inside this file (and `SocketAddress`, `OutboundQueue`, `ReadBuffer`, `Epoll`), each
/// unchecked step carrying a `// Safe:` note. Callers see Swift types only.
package enum Syscall {
    // MARK: - Error plumbing

    /// Runs `body` until it does not fail with `EINTR`; a negative result becomes a `SyscallError`.
    @inline(__always)
    static func retrying<T: BinaryInteger>(_ function: StaticString, _ body: () -> T) throws(SyscallError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = tollgate_errno()
            if code == EINTR { continue }
            throw SyscallError(function: "\(function)", code: code)
        }
    }

    // MARK: - Sockets

    /// A non-blocking, close-on-exec TCP socket for `family` (`AF_INET`/`AF_INET6`).
    package static func tcpSocket(family: Int32) throws(SyscallError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return try retrying("socket") { socket(family, type, 0) }
    }

    /// Sets an integer socket option.
    package static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) throws(SyscallError) {
        var value = value
        _ = try retrying("setsockopt") {
            // Safe: `value` is a live Int32 for the duration of the call and the length matches.
            setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// `SO_REUSEADDR`: a restarted server can bind its port while old connections sit in TIME_WAIT.
    /// It never lets two sockets listen on one port.
    package static func setReuseAddress(_ fd: Int32) throws(SyscallError) {
        try setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
    }

    /// `SO_REUSEPORT`, so every loop can bind its own listener to one port. See `Listener.bind` for
    /// why the first listener sets it only after its bind.
    package static func setReusePort(_ fd: Int32) throws(SyscallError) {
        try setOption(fd, level: SOL_SOCKET, name: SO_REUSEPORT, value: 1)
    }

    /// Disables Nagle's algorithm: responses are written whole, so there is nothing to coalesce.
    package static func setNoDelay(_ fd: Int32) throws(SyscallError) {
        try setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    package static func bind(_ fd: Int32, to address: SocketAddress) throws(SyscallError) {
        _ = try address.withSockAddr { (pointer, length) throws(SyscallError) in
            try retrying("bind") { Glibc.bind(fd, pointer, length) }
        }
    }

    package static func listen(_ fd: Int32, backlog: Int32) throws(SyscallError) {
        _ = try retrying("listen") { Glibc.listen(fd, backlog) }
    }

    /// Accepts one connection as a non-blocking, close-on-exec socket; nil when none is pending.
    package static func accept(_ fd: Int32) throws(SyscallError) -> (fd: Int32, peer: SocketAddress?)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        do throws(SyscallError) {
            let client = try withUnsafeMutableBytes(of: &storage) { raw throws(SyscallError) in
                // Safe: the storage is sockaddr_storage-sized and `length` says so.
                try retrying("accept4") {
                    tollgate_accept4(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length, flags)
                }
            }
            return (client, SocketAddress(storage: storage))
        } catch where error.kind == .wouldBlock {
            return nil
        }
    }

    /// Starts a non-blocking connect. Returns true when already connected, false when in progress.
    package static func connect(_ fd: Int32, to address: SocketAddress) throws(SyscallError) -> Bool {
        do throws(SyscallError) {
            _ = try address.withSockAddr { (pointer, length) throws(SyscallError) in
                try retrying("connect") { Glibc.connect(fd, pointer, length) }
            }
            return true
        } catch where error.kind == .inProgress {
            return false
        }
    }

    /// The pending error of a socket (`SO_ERROR`), 0 when none; used after a non-blocking connect.
    package static func socketError(_ fd: Int32) throws(SyscallError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try retrying("getsockopt") {
            // Safe: `value` is a live Int32 and `length` matches it.
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length)
        }
        return value
    }

    /// The local address of a bound socket.
    package static func localAddress(_ fd: Int32) throws(SyscallError) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutableBytes(of: &storage) { raw throws(SyscallError) in
            // Safe: the storage is sockaddr_storage-sized and `length` says so.
            try retrying("getsockname") { getsockname(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length) }
        }
        return SocketAddress(storage: storage)
    }

    /// Reads into `buffer`. Returns the byte count (0 = end of stream) or nil when nothing is available.
    @inline(__always)
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SyscallError) -> Int? {
        do throws(SyscallError) {
            return try retrying("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        } catch where error.kind == .wouldBlock {
            return nil
        }
    }

    /// Writes from `buffer`. Returns the byte count written or nil when the socket buffer is full.
    package static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(SyscallError) -> Int? {
        do throws(SyscallError) {
            return try retrying("write") { Glibc.write(fd, buffer.baseAddress, buffer.count) }
        } catch where error.kind == .wouldBlock {
            return nil
        }
    }

    /// Gathers `vectors` into one `writev`. Returns bytes written or nil when the socket buffer is full.
    package static func writev(_ fd: Int32, _ vectors: UnsafeBufferPointer<iovec>) throws(SyscallError) -> Int? {
        do throws(SyscallError) {
            return try retrying("writev") { Glibc.writev(fd, vectors.baseAddress, Int32(vectors.count)) }
        } catch where error.kind == .wouldBlock {
            return nil
        }
    }

    /// Half-closes the sending side so the peer sees end of stream after the queued bytes.
    package static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes a descriptor. `close` is not retried on EINTR: Linux releases the descriptor anyway.
    package static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    // MARK: - eventfd

    /// A non-blocking, close-on-exec eventfd used to wake an event loop from other threads.
    package static func eventFD() throws(SyscallError) -> Int32 {
        try retrying("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
    }

    /// Adds 1 to an eventfd counter (wakes the loop waiting on it).
    package static func signalEventFD(_ fd: Int32) {
        var one: UInt64 = 1
        // Safe: writes exactly the 8 bytes of `one`; EAGAIN (counter saturated) still leaves it readable.
        _ = withUnsafeBytes(of: &one) { Glibc.write(fd, $0.baseAddress, 8) }
    }

    /// Resets an eventfd counter to zero.
    package static func drainEventFD(_ fd: Int32) {
        var value: UInt64 = 0
        // Safe: reads at most the 8 bytes of `value`.
        _ = withUnsafeMutableBytes(of: &value) { Glibc.read(fd, $0.baseAddress, 8) }
    }

    // MARK: - Clock

    /// Monotonic time in nanoseconds (`CLOCK_MONOTONIC`), the clock every timer uses.
    @inline(__always)
    package static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    // MARK: - Threads

    /// The number of online CPU cores (at least 1).
    package static func onlineCores() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Starts a joinable thread running `body`.
    package static func spawnThread(name: String, _ body: @escaping @Sendable () -> Void) -> pthread_t {
        let body: @Sendable () -> Void = {
            tollgate_set_thread_name(name)
            body()
        }
        final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        // Safe: the retained box is released exactly once by the new thread.
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            // Safe: `context` is the pointer passed below, retained once above.
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        return thread
    }

    package static func join(_ thread: pthread_t) {
        _ = pthread_join(thread, nil)
    }

    package static func currentThread() -> pthread_t { pthread_self() }

    package static func isCurrentThread(_ thread: pthread_t) -> Bool {
        pthread_equal(pthread_self(), thread) != 0
    }

    // MARK: - Signals

    /// Blocks `signals` in the calling thread; threads started afterwards inherit the mask.
    package static func blockSignals(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until one of `signals` (which must be blocked) is pending and returns it.
    package static func waitForSignal(_ signals: [Int32]) -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    /// Waits up to `timeoutNanos` for one of `signals` (blocked in every thread, as for
    /// `waitForSignal`): the signal, or nil once the time has passed without one.
    package static func waitForSignal(_ signals: [Int32], timeoutNanos: Int64) -> Int32? {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        var timeout = timespec(tv_sec: Int(timeoutNanos / 1_000_000_000), tv_nsec: Int(timeoutNanos % 1_000_000_000))
        while true {
            let received = sigtimedwait(&set, nil, &timeout)
            if received > 0 { return received }
            // EINTR: another signal interrupted the wait; waiting the whole time again is fine.
            if errno != EINTR { return nil }
        }
    }

    /// Sends `signal` to this process (used by tests and by `SignalHandler` to wake its thread).
    package static func raiseInProcess(_ signal: Int32) {
        _ = kill(getpid(), signal)
    }

    /// Ignores SIGPIPE process-wide: a write to a closed socket must fail with EPIPE, not kill us.
    package static func ignoreSIGPIPE() {
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
    }

    // MARK: - DNS

    /// Why a host name did not resolve (getaddrinfo's message).
    package struct ResolveError: Error, Sendable { package let message: String }

    /// Blocking `getaddrinfo` for TCP addresses of `host`. Runs off the event loops (see `DNSResolver`).
    package static func resolve(host: String, port: Int) -> Result<[SocketAddress], ResolveError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let message = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            return .failure(ResolveError(message: "\(host): \(message)"))
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let addr = entry.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = min(Int(entry.pointee.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
                // Safe: copies at most sizeof(sockaddr_storage) bytes from the kernel-filled sockaddr.
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: addr, count: length)) }
                if let address = SocketAddress(storage: storage) { addresses.append(address.withPort(port)) }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses.isEmpty ? .failure(ResolveError(message: "\(host): no addresses")) : .success(addresses)
    }
}
