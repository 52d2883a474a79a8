import Testing
@testable import Shared

/// gzip and deflate over zlib: round trips, data Python's `gzip`/`zlib` produced, and the bounds
/// and checks that keep a hostile body from costing memory or passing as valid.
@Suite struct ZlibTests {
    static let text = Array("hello, tollgate".utf8)
    /// `gzip.compress(b"hello, tollgate", mtime=0)` in CPython.
    static let pythonGzip: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 215, 81, 40, 201, 207, 201, 73, 79, 44,
                                      73, 5, 0, 107, 155, 200, 16, 15, 0, 0, 0]
    /// `zlib.compress(b"hello, tollgate")` in CPython.
    static let pythonZlib: [UInt8] = [120, 156, 203, 72, 205, 201, 201, 215, 81, 40, 201, 207, 201, 73, 79, 44, 73, 5, 0, 45, 47, 5, 189]

    static let trailingGarbage: [UInt8] = pythonGzip + Array("garbage".utf8)
    static let truncatedSecondMember: [UInt8] = pythonGzip + Array(pythonGzip.dropLast(4))

    @Test func decodesWhatPythonEncoded() {
        #expect(Zlib.decompress(Self.pythonGzip, coding: .gzip, limit: 100) == .success(Self.text))
        #expect(Zlib.decompress(Self.pythonZlib, coding: .deflate, limit: 100) == .success(Self.text))
    }

    @Test(arguments: ContentCoding.allCases, [0, 1, 1000, 300_000])
    func roundTripsAndFramesEachCoding(coding: ContentCoding, size: Int) {
        var generator = SeededGenerator(seed: UInt64(size))
        let body = (0..<size).map { _ in UInt8.random(in: 0...15, using: &generator) + 0x41 }
        let compressed = Zlib.compress(body, coding: coding)
        switch coding {
        case .gzip: #expect(Array(compressed.prefix(3)) == [0x1f, 0x8b, 0x08])       // RFC 1952 magic, CM = deflate
        case .deflate: #expect(compressed.first == 0x78)                              // RFC 1950: CM 8, 32 KiB window
        }
        if size >= 1000 { #expect(compressed.count < body.count) }
        #expect(Zlib.decompress(compressed, coding: coding, limit: size) == .success(body))
    }

    @Test func refusesOutputOverTheLimit() {
        let zeros = Zlib.compress([UInt8](repeating: 0, count: 1_000_000), coding: .gzip)
        #expect(zeros.count < 2000)
        #expect(Zlib.decompress(zeros, coding: .gzip, limit: 999_999).map(\.count) == .failure(.tooLarge))
        #expect(Zlib.decompress(zeros, coding: .gzip, limit: 1_000_000).map(\.count) == .success(1_000_000))
    }

    @Test func streamsIntoAnAccumulatorThatNeverHoldsMoreThanTheLimit() {
        let limit = 100_000
        let bomb = Zlib.compress([UInt8](repeating: 0, count: 50 * limit), coding: .deflate)
        var output = BodyAccumulator(budget: nil, maxBytes: limit)
        #expect(Zlib.decompress(bomb, coding: .deflate, limit: limit, into: &output) == .tooLarge)
        #expect(output.bytes.count <= limit && output.reserved < limit + limit / 100)
    }

    @Test func countsTheOutputInTheBodyBudgetAndStopsWhenItIsFull() {
        let body = [UInt8](repeating: 0x61, count: 200_000)
        let compressed = Zlib.compress(body, coding: .gzip)
        let tight = BodyMemoryBudget(limit: 100_000)
        var refused = BodyAccumulator(budget: tight, maxBytes: 1_000_000)
        #expect(Zlib.decompress(compressed, coding: .gzip, limit: 1_000_000, into: &refused) == .noMemory)
        refused.release()
        #expect(tight.usedBytes == 0)

        let roomy = BodyMemoryBudget(limit: 1_000_000)
        var output = BodyAccumulator(budget: roomy, maxBytes: 1_000_000)
        #expect(Zlib.decompress(compressed, coding: .gzip, limit: 1_000_000, into: &output) == nil)
        #expect(output.bytes == body)
        #expect(roomy.usedBytes == output.reserved && output.reserved >= body.count)
        output.release()
        #expect(roomy.usedBytes == 0)
    }

    @Test func decodesEveryMemberOfAGzipBody() {
        let second = Array(" and again".utf8)
        let twoMembers = Self.pythonGzip + Zlib.compress(second, coding: .gzip)
        #expect(Zlib.decompress(twoMembers, coding: .gzip, limit: 100) == .success(Self.text + second))
        #expect(Zlib.decompress(Self.pythonZlib + Self.pythonZlib, coding: .deflate, limit: 100) == .failure(.corrupt),
                "a zlib stream has no members")
    }

    @Test(arguments: [
        ("truncated", Array(pythonGzip.dropLast(4))),
        ("bad CRC", pythonGzip.enumerated().map { $0.offset == pythonGzip.count - 6 ? $0.element ^ 1 : $0.element }),
        ("trailing bytes", pythonGzip + [0]),
        ("trailing garbage", trailingGarbage),
        ("truncated second member", truncatedSecondMember),
        ("not gzip", text),
        ("zlib as gzip", pythonZlib),
        ("empty", []),
    ] as [(String, [UInt8])])
    func refusesCorruptData(_ label: String, data: [UInt8]) {
        #expect(Zlib.decompress(data, coding: .gzip, limit: 1000) == .failure(.corrupt), "\(label)")
    }

    @Test(arguments: [("gzip", ContentCoding.gzip), ("GZIP ", .gzip), ("x-gzip", .gzip), ("deflate", .deflate),
                      ("identity", nil), ("br", nil), ("", nil)] as [(String, ContentCoding?)])
    func namesTheCodingOfAContentEncoding(value: String, coding: ContentCoding?) {
        #expect(ContentCoding(contentEncoding: value) == coding)
    }
}
