import Foundation
import Testing
@testable import DataPlane
@testable import Shared

@Suite(.timeLimit(.minutes(1))) struct AccessLogWriterTests {
    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func dropsAndCountsLinesThatDoNotFitAndWritesTheRestAtShutdown() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let logs = LogLines()
        // Not started: nothing empties the 25-byte buffer until shutdown, so the third line cannot fit.
        let writer = AccessLogWriter(directory: directory, shardCount: 1, bufferBytes: 25, log: logs.sink)
        let group = AccessLogDestination.logGroup(name: "g")
        for index in 0..<3 { writer.submit(Array("line \(index) ..\n".utf8), to: group) }
        #expect(writer.droppedLines == 1)
        #expect(Self.contents(directory + "/g.log") == nil)
        writer.shutdown()
        #expect(Self.contents(directory + "/g.log") == "line 0 ..\nline 1 ..\n")
        #expect(writer.writtenLines == 2)
        #expect(writer.droppedLines == 1)
    }

    @Test func theWriterThreadEmptiesTheBuffersIntoEachDestinationsFile() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        let writer = AccessLogWriter(directory: directory, shardCount: 4, flushInterval: .milliseconds(5), log: { _ in })
        writer.start()
        let nested = AccessLogDestination.logGroup(name: "/aws/apigw/shop")
        let stream = AccessLogDestination.firehose(stream: "amazon-apigateway-shop")
        writer.submit(Array("a\n".utf8), to: nested)
        writer.submit(Array("b\n".utf8), to: stream)
        writer.submit(Array("c\n".utf8), to: nested)
        let written = await DataPlaneNodeTests.eventually { writer.writtenLines == 3 }
        #expect(written)
        #expect(Self.contents(directory + "/aws/apigw/shop.log") == "a\nc\n")
        #expect(Self.contents(directory + "/firehose/amazon-apigateway-shop.log") == "b\n")
        // Appends, never truncates: a line after the first flush joins the file.
        writer.submit(Array("d\n".utf8), to: nested)
        writer.shutdown()
        #expect(Self.contents(directory + "/aws/apigw/shop.log") == "a\nc\nd\n")
        #expect(writer.droppedLines == 0)
    }

    @Test func anUnwritableDestinationCountsItsLinesAndIsReported() throws {
        let directory = SyncFixtures.temporaryDirectory()
        defer { SyncFixtures.remove(directory) }
        // A directory where the file should be: open fails.
        try FileManager.default.createDirectory(atPath: directory + "/g.log", withIntermediateDirectories: true)
        let logs = LogLines()
        let writer = AccessLogWriter(directory: directory, shardCount: 1, log: logs.sink)
        writer.submit(Array("x\n".utf8), to: .logGroup(name: "g"))
        writer.shutdown()
        #expect(writer.failedLines == 1)
        #expect(logs.all.contains { $0.contains("access log g: open") })
    }
}
