import Testing
@testable import Shared

/// Each limit accepts exactly its value and refuses one byte (or field) more.
@Suite struct HTTPLimitsTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let limits = HTTPLimits.default
        #expect(limits.maxRequestLineBytes == 8_192)
        #expect(limits.maxHeaderBytes == 16_384)
        #expect(limits.maxHeaderBytes >= 10_240, "at least Amazon API Gateway's header allowance")
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 10_485_760)
        #expect(limits.maxChunkSizeLineBytes == 1_024)
    }

    /// A request line of exactly `length` bytes (CRLF excluded).
    private func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    @Test(arguments: [Feeding.oneShot, .byteByByte])
    func requestLineAtTheLimitIsAcceptedAndOneMoreIsRefused(_ feeding: Feeding) {
        let limits = HTTPLimits(maxRequestLineBytes: 64)
        let atLimit = parseRequests(requestLine(length: 64) + "\r\nHost: a\r\n\r\n", limits: limits, feeding: feeding)
        #expect(atLimit.error == nil)
        #expect(atLimit.messages.count == 1)
        let over = parseRequests(requestLine(length: 65) + "\r\nHost: a\r\n\r\n", limits: limits, feeding: feeding)
        #expect(over.error == .requestLineTooLong)
        #expect(HTTPParseError.requestLineTooLong.status == 414)
    }

    @Test func defaultRequestLineLimitIs8KiB() {
        #expect(parseRequests(requestLine(length: 8_192) + "\r\nHost: a\r\n\r\n").messages.count == 1)
        #expect(parseRequests(requestLine(length: 8_193) + "\r\nHost: a\r\n\r\n").error == .requestLineTooLong)
    }

    @Test func unterminatedRequestLineIsRefusedOnceItCannotFit() {
        let limits = HTTPLimits(maxRequestLineBytes: 64)
        // 65 bytes could still be 64 + CR; 66 cannot.
        #expect(parseRequests(String(repeating: "a", count: 65), limits: limits).error == nil)
        #expect(parseRequests(String(repeating: "a", count: 66), limits: limits).error == .requestLineTooLong)
    }

    /// Field lines totalling exactly `bytes` bytes with their CRLFs: `Host: a` plus one filler field.
    private func head(fieldBytes bytes: Int) -> String {
        let host = "Host: a\r\n"
        let fillerValue = bytes - host.utf8.count - "X: \r\n".utf8.count
        return "GET / HTTP/1.1\r\n" + host + "X: " + String(repeating: "v", count: fillerValue) + "\r\n\r\n"
    }

    @Test(arguments: [Feeding.oneShot, .byteByByte])
    func headerBlockAtTheLimitIsAcceptedAndOneMoreIsRefused(_ feeding: Feeding) {
        let limits = HTTPLimits(maxHeaderBytes: 200)
        #expect(parseRequests(head(fieldBytes: 200), limits: limits, feeding: feeding).messages.count == 1)
        #expect(parseRequests(head(fieldBytes: 201), limits: limits, feeding: feeding).error == .headerBlockTooLarge)
    }

    @Test func defaultHeaderBlockAcceptsAWSSizedHeadersAnd16KiB() {
        #expect(parseRequests(head(fieldBytes: 10_240)).messages.count == 1)
        #expect(parseRequests(head(fieldBytes: 16_384)).messages.count == 1)
        #expect(parseRequests(head(fieldBytes: 16_385)).error == .headerBlockTooLarge)
    }

    @Test func emptyLinesBeforeTheRequestLineCountTowardsTheHeaderBlock() {
        let limits = HTTPLimits(maxHeaderBytes: 20)
        #expect(parseRequests(String(repeating: "\r\n", count: 5) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).messages.count == 1)
        #expect(parseRequests(String(repeating: "\r\n", count: 11), limits: limits).error == .headerBlockTooLarge)
    }

    @Test(arguments: [Feeding.oneShot, .byteByByte])
    func headerCountAtTheLimitIsAcceptedAndOneMoreIsRefused(_ feeding: Feeding) {
        let limits = HTTPLimits(maxHeaderCount: 10)
        let nine = String(repeating: "X-A: 1\r\n", count: 9)
        #expect(parseRequests("GET / HTTP/1.1\r\nHost: a\r\n" + nine + "\r\n", limits: limits, feeding: feeding).messages.count == 1)
        let over = parseRequests("GET / HTTP/1.1\r\nHost: a\r\n" + nine + "X-A: 1\r\n\r\n", limits: limits, feeding: feeding)
        #expect(over.error == .tooManyHeaders)
        #expect(HTTPParseError.tooManyHeaders.status == 431)
    }

    @Test func declaredBodyAtTheLimitIsAcceptedAndOneMoreIsRefusedBeforeTheBody() throws {
        let limits = HTTPLimits(maxBodyBytes: 100)
        let atLimit = parseRequests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + String(repeating: "b", count: 100), limits: limits)
        #expect(atLimit.messages.first?.body.count == 100)
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.next() }
        #expect(HTTPParseError.bodyTooLarge.status == 413)
    }

    @Test func defaultBodyLimitIs10MiB() {
        let exact = parseRequests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10485760\r\n\r\n")
        #expect(exact.error == nil)
        #expect(exact.inProgress)
        #expect(parseRequests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10485761\r\n\r\n").error == .bodyTooLarge)
    }

    @Test(arguments: [Feeding.oneShot, .byteByByte])
    func chunkedBodyAtTheLimitIsAcceptedAndOneMoreIsRefused(_ feeding: Feeding) {
        let limits = HTTPLimits(maxBodyBytes: 100)
        let chunk60 = "3c\r\n" + String(repeating: "c", count: 60) + "\r\n"
        let chunk40 = "28\r\n" + String(repeating: "c", count: 40) + "\r\n"
        let chunk41 = "29\r\n" + String(repeating: "c", count: 41) + "\r\n"
        let prefix = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parseRequests(prefix + chunk60 + chunk40 + "0\r\n\r\n", limits: limits, feeding: feeding).messages.first?.body.count == 100)
        let over = parseRequests(prefix + chunk60 + chunk41 + "0\r\n\r\n", limits: limits, feeding: feeding)
        #expect(over.error == .bodyTooLarge)
    }

    @Test func chunkedBodyIsRefusedAsSoonAsAChunkSizeWouldPassTheLimit() throws {
        var parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 100))
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n".utf8))
        guard case .head = try parser.next() else {
            Issue.record("expected a head")
            return
        }
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.next() }
    }

    @Test func chunkSizeLineAtTheLimitIsAcceptedAndOneMoreIsRefused() {
        let limits = HTTPLimits(maxChunkSizeLineBytes: 16)
        let prefix = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let line16 = "1;abcdefghijklmn"  // 16 bytes
        #expect(parseRequests(prefix + line16 + "\r\nx\r\n0\r\n\r\n", limits: limits).messages.first?.body == Array("x".utf8))
        #expect(parseRequests(prefix + line16 + "o\r\nx\r\n0\r\n\r\n", limits: limits).error == .chunkSizeLineTooLong)
        #expect(parseRequests(prefix + line16 + "op", limits: limits).error == .chunkSizeLineTooLong)
    }

    @Test func trailersHaveTheirOwnBudget() {
        let limits = HTTPLimits(maxHeaderBytes: 40, maxHeaderCount: 3)
        let prefix = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let fits = prefix + "X-T: " + String(repeating: "t", count: 33) + "\r\n\r\n"  // 40 bytes of trailer
        #expect(parseRequests(fits, limits: limits).messages.count == 1)
        let tooBig = prefix + "X-T: " + String(repeating: "t", count: 34) + "\r\n\r\n"
        #expect(parseRequests(tooBig, limits: limits).error == .trailersTooLarge)
        let tooMany = prefix + String(repeating: "A: 1\r\n", count: 4) + "\r\n"
        #expect(parseRequests(tooMany, limits: limits).error == .trailersTooLarge)
        #expect(HTTPParseError.trailersTooLarge.status == 431)
    }
}
