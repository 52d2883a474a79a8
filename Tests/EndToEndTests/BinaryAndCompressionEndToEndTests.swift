import Foundation
import Testing
import ControlPlane
import Shared

/// `minimumCompressionSize`, `binaryMediaTypes` and `contentHandling` on real nodes: a response
/// compressed for a client that accepts gzip (decoded by Python's `zlib`, an independent
/// implementation), and a binary request body base64-encoded on its way to the echo backend
/// (shared cluster, an API of its own).
@Suite(.serialized, .timeLimit(.minutes(2))) struct BinaryAndCompressionEndToEndTests {
    static let document = String(repeating: #"{"item": "compressible", "n": 12345}, "#, count: 40)

    /// `data` decompressed by CPython's zlib (`wbits` 31: gzip, 15: zlib).
    static func pythonInflate(_ data: [UInt8], wbits: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read(), \(wbits)))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(data))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ProcessError("python3 could not decompress the body") }
        return Array(result)
    }

    @Test func responsesAreCompressedAndBinaryBodiesConverted() async throws {
        let cluster = try await SharedCluster.cluster()
        let created = try await cluster.admin.call(.POST, "/restapis", json: ["name": "binary", "minimumCompressionSize": 100,
                                                                              "binaryMediaTypes": ["image/*"]])
        let api = ApiBuilder(admin: cluster.admin, id: created["id"] as! String, root: created["rootResourceId"] as! String)
        let doc = try await api.resource("doc")
        try await api.mock(doc, body: Self.document)
        let upload = try await api.resource("upload")
        try await api.method(upload, "POST")
        try await api.integration(upload, "POST", ["type": "HTTP", "httpMethod": "POST", "uri": "http://127.0.0.1:\(cluster.echo.port)/upload",
                                                   "contentHandling": "CONVERT_TO_TEXT"])
        try await api.methodResponse(upload, "POST", "200")
        try await api.integrationResponse(upload, "POST", "200")
        try await api.deploy(stage: "prod")

        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/doc", timeout: .seconds(2)).status) == 200
        }
        #expect(ready != nil, "the API did not reach every node")

        let png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]
        for port in cluster.nodePorts {
            let plain = try await cluster.invoke(port: port, apiId: api.id, "/prod/doc")
            #expect(plain.headers["Content-Encoding"] == nil)
            #expect(plain.text == Self.document)

            let gzipped = try await cluster.invoke(port: port, apiId: api.id, "/prod/doc", headers: [("Accept-Encoding", "gzip, deflate, br")])
            #expect(gzipped.status == 200)
            #expect(gzipped.headers["Content-Encoding"] == "gzip")
            #expect(gzipped.body.count < Self.document.utf8.count)
            #expect(try Self.pythonInflate(gzipped.body, wbits: 31) == Array(Self.document.utf8))

            let deflated = try await cluster.invoke(port: port, apiId: api.id, "/prod/doc", headers: [("Accept-Encoding", "deflate")])
            #expect(deflated.headers["Content-Encoding"] == "deflate")
            #expect(try Self.pythonInflate(deflated.body, wbits: 15) == Array(Self.document.utf8))

            // CONVERT_TO_TEXT: the image reaches the backend as base64 text.
            let uploaded = try await cluster.invoke(port: port, apiId: api.id, "/prod/upload", method: .POST,
                                                    headers: [("Content-Type", "image/png")], body: png)
            #expect(uploaded.status == 200)
            #expect(uploaded.json["body"] as? String == Base64.encode(png))
        }
    }
}
