// Parser micro-benchmark: requests parsed per second for typical heads, and serializer output.
// Built by bench/http-parser.sh with the Foundation-free sources of Sources/Shared/HTTP.
#if canImport(Glibc)
import Glibc
#endif

func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

let wrk = Array("GET /bytes/64 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".utf8)
let browser = Array("""
GET /prod/pets/42?include=owner&limit=10 HTTP/1.1\r
Host: abc123.execute-api.us-east-1.amazonaws.com\r
User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r
Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
Accept-Language: en-US,en;q=0.5\r
Accept-Encoding: gzip, deflate, br\r
Connection: keep-alive\r
X-Api-Key: 0123456789abcdef0123456789abcdef\r
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7\r
X-Amz-Date: 20150830T123600Z\r
Cookie: session=abcdef; theme=dark\r
\r

""".utf8)
let post = Array("POST /prod/pets HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n".utf8) + [UInt8](repeating: 0x61, count: 64)

func run(_ name: String, _ request: [UInt8], pipelined: Int, rounds: Int) {
    var batch: [UInt8] = []
    for _ in 0..<pipelined { batch += request }
    var parser = HTTPRequestParser()
    var heads = 0
    var bodyBytes = 0
    let start = nowNanos()
    for _ in 0..<rounds {
        batch.withUnsafeBytes { parser.append($0) }
        do {
            while let event = try parser.next() {
                switch event {
                case .head(let head): heads += head.headers.count > 0 ? 1 : 0
                case .body(let part): bodyBytes += part.count
                case .end: break
                }
            }
        } catch {
            fatalError("\(error)")
        }
    }
    let elapsed = Double(nowNanos() - start) / 1e9
    let total = Double(rounds * pipelined)
    print("\(name): \(Int(total / elapsed)) requests/s, \(Int(elapsed / total * 1e9)) ns/request (\(heads) heads, \(bodyBytes) body bytes)")
}

func runSerializer(rounds: Int) {
    let response = HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream", "x-amzn-RequestId": "0b3c4f1e-6a2b-4f6e-9d7c-1a2b3c4d5e6f"], body: [UInt8](repeating: 0x62, count: 64))
    var bytes = 0
    let start = nowNanos()
    for _ in 0..<rounds {
        bytes += HTTPSerializer.serialize(response, forRequestMethod: .GET, keepAlive: true).count
    }
    let elapsed = Double(nowNanos() - start) / 1e9
    print("serialize 64-byte response: \(Int(Double(rounds) / elapsed)) responses/s, \(Int(elapsed / Double(rounds) * 1e9)) ns/response (\(bytes) bytes)")
}

@main
struct HTTPParserBenchmark {
    static func main() {
        run("wrk GET, one per read", wrk, pipelined: 1, rounds: 2_000_000)
        run("wrk GET, 16 pipelined", wrk, pipelined: 16, rounds: 125_000)
        run("browser-like GET (11 fields)", browser, pipelined: 1, rounds: 500_000)
        run("POST with 64-byte body", post, pipelined: 1, rounds: 1_000_000)
        runSerializer(rounds: 2_000_000)
    }
}
