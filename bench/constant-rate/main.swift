// Constant-rate HTTP/1.1 load driver for bench/latency.sh (wrk2's model; wrk2 is not packaged for
// this distribution). Loopback only: it connects to 127.0.0.1 and nowhere else (`--host` only sets
// the Host header).
//
//   constant-rate --port P [--path /bytes/64] [--host NAME] --rate R [--connections 64]
//                 [--duration 10] [--warmup 2] [--slack-us 200]
//
// Each of the C keep-alive connections sends GET requests on its own fixed schedule, R/C per second,
// staggered so the whole stream is evenly spaced; a request whose slot comes while the connection
// still waits for the previous response goes out as soon as that response is in. Latency is
// measured from the request's *scheduled* time to the last byte of its response, so a stall counts
// against every request it delays (no coordinated omission). To wake up less often (each wake-up is a
// context switch, on the same two cores as the servers), slots due within the next `slack-us`
// microseconds go out together; a request sent early is timed from when it was sent, so sending
// early never makes a response look faster. Requests scheduled during the warm-up
// are sent but not recorded. Prints one line:
//   rate=… sent=… completed=… errors=… p50=…ms p90=…ms p99=…ms p999=…ms max=…ms
// Single thread: epoll over the connections plus a timerfd armed for the next slot (epoll and
// timerfd come from CTollgateShim.h, passed with -import-objc-header, because Glibc's module does not
// export them), so it sleeps until a response or a slot is due instead of spinning. Non-2xx answers
// and broken connections count as errors.
import Glibc

func fail(_ message: String) -> Never {
    fputs("constant-rate: \(message)\n", stderr)
    exit(2)
}

func monotonicNanos() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

// MARK: - Options

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else { fail("usage: see the header of bench/constant-rate/main.swift") }
    options[String(flag.dropFirst(2))] = value
}
guard let port = options["port"].flatMap({ UInt16($0) }) else { fail("--port is required") }
guard let rate = options["rate"].flatMap({ Double($0) }), rate > 0 else { fail("--rate is required") }
let path = options["path"] ?? "/bytes/64"
let hostHeader = options["host"] ?? "127.0.0.1:\(port)"
let connectionCount = Int(options["connections"] ?? "64") ?? 64
let duration = Double(options["duration"] ?? "10") ?? 10
let warmup = Double(options["warmup"] ?? "2") ?? 2
let slack = UInt64(options["slack-us"] ?? "200").map { $0 * 1000 } ?? 200_000
let request = Array("GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: tollgate-constant-rate\r\n\r\n".utf8)

// MARK: - Connections

/// One keep-alive connection and its schedule.
struct Connection {
    var fd: Int32
    var nextSlot: UInt64
    /// When the request in flight counts from: its slot, or its send time if it went out early.
    var inFlightSlot: UInt64?
    var buffer: [UInt8] = []
}

func connectLoopback(port: UInt16) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { fail("socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else { fail("connect 127.0.0.1:\(port): errno \(errno)") }
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    return fd
}

/// Length of the first complete response in `bytes` and its status, or nil while incomplete.
func completeResponse(_ bytes: [UInt8]) -> (length: Int, status: Int)? {
    guard bytes.count >= 16 else { return nil }
    var headerEnd = -1
    var index = 3
    while index < bytes.count {
        if bytes[index] == 10, bytes[index - 1] == 13, bytes[index - 2] == 10, bytes[index - 3] == 13 {
            headerEnd = index + 1
            break
        }
        index += 1
    }
    guard headerEnd > 0 else { return nil }
    let status = (9...11).reduce(0) { $0 * 10 + Int(bytes[$1] &- 48) }
    // Content-Length, matched case-insensitively at the start of a header line.
    let name = Array("\r\ncontent-length:".utf8)
    var contentLength = 0
    var at = 0
    search: while at + name.count < headerEnd {
        for offset in 0..<name.count where bytes[at + offset] | 0x20 != name[offset] | 0x20 {
            at += 1
            continue search
        }
        var cursor = at + name.count
        while bytes[cursor] == 32 { cursor += 1 }
        while bytes[cursor] >= 48 && bytes[cursor] <= 57 {
            contentLength = contentLength * 10 + Int(bytes[cursor] - 48)
            cursor += 1
        }
        break
    }
    guard bytes.count >= headerEnd + contentLength else { return nil }
    return (headerEnd + contentLength, status)
}

// MARK: - Run

let interval = UInt64(Double(connectionCount) * 1e9 / rate)   // per connection
let start = monotonicNanos() + 50_000_000
let recordFrom = start + UInt64(warmup * 1e9)
let stopAt = recordFrom + UInt64(duration * 1e9)
var connections: [Connection] = (0..<connectionCount).map { index in
    Connection(fd: connectLoopback(port: port), nextSlot: start + interval * UInt64(index) / UInt64(connectionCount))
}
var latencies: [UInt64] = []
latencies.reserveCapacity(Int(rate * duration) + 1024)
var sent = 0, completed = 0, errors = 0
var chunk = [UInt8](repeating: 0, count: 65536)
let timer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK))
guard timer >= 0 else { fail("timerfd_create: errno \(errno)") }
var armedFor: UInt64 = 0
let epoll = epoll_create1(0)
guard epoll >= 0 else { fail("epoll_create1: errno \(errno)") }
/// Registers `fd` for input with `token` (a connection index; the timer is `connections.count`).
func watch(_ fd: Int32, token: Int) {
    var event = epoll_event()
    event.events = EPOLLIN.rawValue
    event.data.u64 = UInt64(token)
    guard epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0 else { fail("epoll_ctl: errno \(errno)") }
}
for (index, connection) in connections.enumerated() { watch(connection.fd, token: index) }
let timerToken = connections.count
watch(timer, token: timerToken)
var events = [epoll_event](repeating: epoll_event(), count: connections.count + 1)

while true {
    let now = monotonicNanos()
    // Send every request whose slot has come on a connection that is free.
    var nextWake = UInt64.max
    var outstanding = 0
    for index in connections.indices {
        if connections[index].inFlightSlot != nil { outstanding += 1; continue }
        let slot = connections[index].nextSlot
        guard slot < stopAt else { continue }
        if slot <= now &+ slack {
            let written = request.withUnsafeBytes { send(connections[index].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written == request.count else { fail("send: errno \(errno)") }
            connections[index].inFlightSlot = min(slot, now)
            connections[index].nextSlot = slot + interval
            sent += 1
            outstanding += 1
        } else {
            nextWake = min(nextWake, slot)
        }
    }
    if outstanding == 0 && nextWake == .max { break }
    if now > stopAt + 5_000_000_000 { break }  // give up on stragglers after 5 s
    if nextWake != .max && nextWake != armedFor {
        var spec = itimerspec()
        spec.it_value = timespec(tv_sec: Int(nextWake / 1_000_000_000), tv_nsec: Int(nextWake % 1_000_000_000))
        guard timerfd_settime(timer, Int32(TFD_TIMER_ABSTIME), &spec, nil) == 0 else { fail("timerfd_settime: errno \(errno)") }
        armedFor = nextWake
    }
    let ready = epoll_wait(epoll, &events, Int32(events.count), 100)
    guard ready > 0 else { continue }
    for slot in 0..<Int(ready) {
        let index = Int(events[slot].data.u64)
        if index == timerToken {
            var expirations: UInt64 = 0
            _ = read(timer, &expirations, 8)
            armedFor = 0
            continue
        }
        let count = chunk.withUnsafeMutableBytes { recv(connections[index].fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        guard count > 0 else {
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            fail("connection \(index) closed by the server (recv \(count), errno \(errno))")
        }
        connections[index].buffer.append(contentsOf: chunk[0..<count])
        while let slot = connections[index].inFlightSlot, let (length, status) = completeResponse(connections[index].buffer) {
            let finished = monotonicNanos()
            connections[index].buffer.removeFirst(length)
            connections[index].inFlightSlot = nil
            completed += 1
            if !(200..<300).contains(status) { errors += 1 }
            if slot >= recordFrom { latencies.append(finished - slot) }
        }
    }
}

latencies.sort()
func percentile(_ p: Double) -> String {
    guard !latencies.isEmpty else { return "-" }
    let index = min(latencies.count - 1, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)
    let millis = Double(latencies[max(0, index)]) / 1e6
    return String(Int((millis * 1000).rounded())) .withMillis
}
extension String {
    /// "1234" microseconds → "1.234".
    var withMillis: String {
        let micros = Int(self) ?? 0
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
let measured = Double(latencies.count) / duration
print("rate=\(Int(measured.rounded())) sent=\(sent) completed=\(completed) errors=\(errors) "
    + "p50=\(percentile(50))ms p90=\(percentile(90))ms p99=\(percentile(99))ms p999=\(percentile(99.9))ms max=\(percentile(100))ms")
for connection in connections { close(connection.fd) }
