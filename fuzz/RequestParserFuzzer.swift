// libFuzzer entry point for the HTTP/1.1 parsers. Built by scripts/fuzz together with the
// Foundation-free files of Sources/Shared/HTTP (swiftc -sanitize=fuzzer,address); not part of
// the Swift package.
//
// Invariants checked on every input (a violation traps, which libFuzzer reports as a crash):
// 1. Nothing crashes, overflows or reads out of bounds (ASan), whatever the bytes.
// 2. Feeding the input in one piece, split at a point derived from the data, or (for short
//    inputs) byte by byte gives the same verdict, and on success the same events, with body
//    parts merged.
// 3. Every request the parser accepts survives `HTTPSerializer.serialize` and parses back to the
//    same method, target, version, fields (framing fields aside) and body.
// 4. The response parser, fed the same bytes, obeys invariant 2 as well.

/// Events with body parts merged, so different splits compare equal.
enum FuzzEvent<Head: Equatable>: Equatable {
    case head(Head)
    case body([UInt8])
    case end
}

struct FuzzOutcome<Head: Equatable>: Equatable {
    var events: [FuzzEvent<Head>] = []
    var failed = false

    mutating func record(_ event: FuzzEvent<Head>) {
        if case .body(let more) = event, case .body(let earlier)? = events.last {
            events[events.count - 1] = .body(earlier + more)
        } else {
            events.append(event)
        }
    }
}

/// Small limits so that every limit path is within reach of short inputs.
let fuzzLimits = HTTPLimits(maxRequestLineBytes: 200, maxHeaderBytes: 400, maxHeaderCount: 12, maxBodyBytes: 2_000, maxChunkSizeLineBytes: 40)

func pieces(_ bytes: [UInt8], cuts: [Int]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    for cut in cuts.sorted() where cut >= start && cut <= bytes.count {
        result.append(bytes[start..<cut])
        start = cut
    }
    result.append(bytes[start...])
    return result
}

func parseRequests(_ bytes: [UInt8], cuts: [Int], limits: HTTPLimits = fuzzLimits) -> FuzzOutcome<HTTPRequestHead> {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = FuzzOutcome<HTTPRequestHead>()
    for piece in pieces(bytes, cuts: cuts) {
        parser.append(piece)
        do {
            while let event = try parser.next() {
                switch event {
                case .head(let head): outcome.record(.head(head))
                case .body(let part): outcome.record(.body(Array(part)))
                case .end: outcome.record(.end)
                }
            }
        } catch {
            precondition(error.status >= 0, "statuses are never negative")
            outcome.failed = true
            return outcome
        }
    }
    return outcome
}

func parseResponses(_ bytes: [UInt8], cuts: [Int]) -> FuzzOutcome<HTTPResponseHead> {
    var parser = HTTPResponseParser(limits: fuzzLimits, deliverInterimResponses: bytes.count % 2 == 0)
    for method in [HTTPMethod.GET, .HEAD, .POST] { parser.expectResponse(to: method) }
    var outcome = FuzzOutcome<HTTPResponseHead>()
    func record(_ event: HTTPResponseParser.Event) {
        switch event {
        case .head(let head): outcome.record(.head(head))
        case .body(let part): outcome.record(.body(Array(part)))
        case .end: outcome.record(.end)
        }
    }
    do {
        for piece in pieces(bytes, cuts: cuts) {
            parser.append(piece)
            while let event = try parser.next() { record(event) }
        }
        while let event = try parser.finishAtEOF() { record(event) }
    } catch {
        outcome.failed = true
    }
    return outcome
}

/// FNV-1a: a split point that depends on the data, so the fuzzer explores it too.
func derivedCut(_ bytes: [UInt8]) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
    return Int(hash % UInt64(bytes.count + 1))
}

func checkSerializerRoundTrip(_ events: [FuzzEvent<HTTPRequestHead>]) {
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    for event in events {
        switch event {
        case .head(let h): head = h; body = []
        case .body(let b): body += b
        case .end:
            guard let request = head else { preconditionFailure("end without head") }
            let wire = HTTPSerializer.serialize(HTTPRequest(head: request, body: body))
            let reparsed = parseRequests(wire, cuts: [], limits: .default)
            guard !reparsed.failed, case .head(let again)? = reparsed.events.first else {
                preconditionFailure("serialized request did not parse back")
            }
            precondition(again.method == request.method && again.target == request.target && again.version == request.version)
            let framing: (String) -> Bool = {
                HTTPHeaders.equalsIgnoringCase($0, "content-length") || HTTPHeaders.equalsIgnoringCase($0, "transfer-encoding")
            }
            precondition(again.headers.fields.filter { !framing($0.name) }.elementsEqual(request.headers.fields.filter { !framing($0.name) }, by: { $0.name == $1.name && $0.value == $1.value }))
            let rebody = reparsed.events.reduce(into: [UInt8]()) { if case .body(let b) = $1 { $0 += b } }
            precondition(rebody == body, "body changed in a serializer round trip")
            head = nil
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []

    let oneShot = parseRequests(bytes, cuts: [])
    let split = parseRequests(bytes, cuts: [derivedCut(bytes)])
    precondition(oneShot.failed == split.failed, "split feeding changed the verdict")
    if !oneShot.failed {
        precondition(oneShot == split, "split feeding changed the events")
        checkSerializerRoundTrip(oneShot.events)
    }
    if bytes.count <= 300 {
        let byteByByte = parseRequests(bytes, cuts: Array(0...bytes.count))
        precondition(oneShot.failed == byteByByte.failed, "byte-by-byte feeding changed the verdict")
        if !oneShot.failed { precondition(oneShot == byteByByte, "byte-by-byte feeding changed the events") }
    }

    let response = parseResponses(bytes, cuts: [])
    let responseSplit = parseResponses(bytes, cuts: [derivedCut(bytes)])
    precondition(response.failed == responseSplit.failed, "split feeding changed the response verdict")
    if !response.failed { precondition(response == responseSplit, "split feeding changed the response events") }
    return 0
}
