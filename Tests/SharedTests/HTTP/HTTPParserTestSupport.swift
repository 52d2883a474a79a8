import Testing
@testable import Shared

/// How a test hands bytes to a parser.
enum Feeding: Sendable, CustomTestStringConvertible {
    case oneShot
    case byteByByte
    /// Two pieces: the first `n` bytes, then the rest.
    case split(Int)

    var testDescription: String {
        switch self {
        case .oneShot: return "one shot"
        case .byteByByte: return "byte by byte"
        case .split(let n): return "split at \(n)"
        }
    }

    func pieces(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        switch self {
        case .oneShot:
            return [bytes[...]]
        case .byteByByte:
            return bytes.indices.map { bytes[$0...$0] }
        case .split(let n):
            let cut = min(max(n, 0), bytes.count)
            return [bytes[..<cut], bytes[cut...]]
        }
    }
}

/// What a parser produced from some bytes: the complete messages, in order, and the error it stopped with.
struct ParseOutcome<Message: Equatable>: Equatable {
    var messages: [Message] = []
    var error: HTTPParseError?
    /// A head was seen whose `.end` has not arrived.
    var inProgress = false
}

/// Feeds `bytes` to a fresh request parser and collects whole requests.
func parseRequests(_ bytes: [UInt8], limits: HTTPLimits = .default, feeding: Feeding = .oneShot) -> ParseOutcome<HTTPRequest> {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome<HTTPRequest>()
    var current: HTTPRequest?
    for piece in feeding.pieces(bytes) {
        parser.append(piece)
        do {
            while let event = try parser.next() {
                switch event {
                case .head(let head):
                    current = HTTPRequest(head: head)
                case .body(let part):
                    current?.body.append(contentsOf: part)
                case .end:
                    if let request = current { outcome.messages.append(request) }
                    current = nil
                }
            }
        } catch {
            outcome.error = error
            break
        }
    }
    outcome.inProgress = current != nil
    return outcome
}

func parseRequests(_ text: String, limits: HTTPLimits = .default, feeding: Feeding = .oneShot) -> ParseOutcome<HTTPRequest> {
    parseRequests(Array(text.utf8), limits: limits, feeding: feeding)
}

/// Feeds `bytes` to a fresh response parser expecting responses to `methods`, then signals EOF
/// when `eof` is true, and collects whole responses.
func parseResponses(
    _ bytes: [UInt8],
    to methods: [HTTPMethod] = [.GET],
    limits: HTTPLimits = .default,
    deliverInterim: Bool = false,
    eof: Bool = false,
    feeding: Feeding = .oneShot
) -> ParseOutcome<HTTPResponse> {
    var parser = HTTPResponseParser(limits: limits, deliverInterimResponses: deliverInterim)
    for method in methods { parser.expectResponse(to: method) }
    var outcome = ParseOutcome<HTTPResponse>()
    var current: HTTPResponse?
    func handle(_ event: HTTPResponseParser.Event) {
        switch event {
        case .head(let head):
            current = HTTPResponse(head: head)
        case .body(let part):
            current?.body.append(contentsOf: part)
        case .end:
            if let response = current { outcome.messages.append(response) }
            current = nil
        }
    }
    do {
        for piece in feeding.pieces(bytes) {
            parser.append(piece)
            while let event = try parser.next() { handle(event) }
        }
        if eof {
            while let event = try parser.finishAtEOF() { handle(event) }
        }
    } catch {
        outcome.error = error
    }
    outcome.inProgress = current != nil
    return outcome
}

func parseResponses(
    _ text: String,
    to methods: [HTTPMethod] = [.GET],
    limits: HTTPLimits = .default,
    deliverInterim: Bool = false,
    eof: Bool = false,
    feeding: Feeding = .oneShot
) -> ParseOutcome<HTTPResponse> {
    parseResponses(Array(text.utf8), to: methods, limits: limits, deliverInterim: deliverInterim, eof: eof, feeding: feeding)
}
