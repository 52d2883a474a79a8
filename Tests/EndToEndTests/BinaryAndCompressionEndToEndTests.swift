import Foundation
import Testing
import ControlPlane
import Shared

/// `minimumCompressionSize`, `binaryMediaTypes` and `contentHandling` on real nodes: a response
/// compressed for a client that accepts gzip (decoded by Python's `zlib`, an independent
/// implementation), a request body compressed by Python decompressed before its validator and the
/// echo backend see it, and a binary request body base64-encoded on its way to the echo backend
/// (shared cluster, an API of its own per test).
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

    /// `data` compressed by CPython (`gzip.compress`, or `zlib.compress` for deflate).
    static func pythonCompress(_ data: [UInt8], gzip: Bool) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let call = gzip ? "gzip.compress(sys.stdin.buffer.read())" : "zlib.compress(sys.stdin.buffer.read())"
        process.arguments = ["python3", "-c", "import sys, gzip, zlib; sys.stdout.buffer.write(\(call))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(data))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ProcessError("python3 could not compress the body") }
        return Array(result)
    }

    @Test func compressedRequestBodiesAreValidatedAndForwardedDecompressed() async throws {
        let cluster = try await SharedCluster.cluster()
        let created = try await cluster.admin.call(.POST, "/restapis", json: ["name": "decompress", "minimumCompressionSize": 0])
        let api = ApiBuilder(admin: cluster.admin, id: created["id"] as! String, root: created["rootResourceId"] as! String)
        _ = try await cluster.admin.call(.POST, "/restapis/\(api.id)/models", json: [
            "name": "Pet", "contentType": "application/json",
            "schema": #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"#])
        let validator = try await cluster.admin.call(.POST, "/restapis/\(api.id)/requestvalidators",
                                                     json: ["name": "body", "validateRequestBody": true, "validateRequestParameters": false])
        let pets = try await api.resource("pets")
        _ = try await cluster.admin.call(.PUT, "/restapis/\(api.id)/resources/\(pets)/methods/POST", json: [
            "authorizationType": "NONE", "requestValidatorId": validator["id"] as! String, "requestModels": ["application/json": "Pet"]])
        try await api.integration(pets, "POST", ["type": "HTTP_PROXY", "httpMethod": "POST", "uri": "http://127.0.0.1:\(cluster.echo.port)/pets"])
        try await api.deploy(stage: "prod")

        let plain = Array(#"{"name": "Rex", "tag": "dog"}"#.utf8)
        let gzipped = try Self.pythonCompress(plain, gzip: true)
        let gzip = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
        let ready = await cluster.untilEveryNode(within: .seconds(10)) { port in
            (try? await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST, headers: gzip, body: gzipped,
                                       timeout: .seconds(2)).status) == 200
        }
        #expect(ready != nil, "the API did not reach every node")

        let deflated = try Self.pythonCompress(plain, gzip: false)
        let invalid = try Self.pythonCompress(Array(#"{"tag": "dog"}"#.utf8), gzip: true)
        let bomb = try Self.pythonCompress([UInt8](repeating: 0x20, count: 10 * 1024 * 1024 + 1), gzip: true)
        for port in cluster.nodePorts {
            for (coding, body) in [("gzip", gzipped), ("deflate", deflated)] {
                let served = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST,
                                                      headers: [("Content-Type", "application/json"), ("Content-Encoding", coding)], body: body)
                #expect(served.status == 200)
                #expect(served.json["body"] as? String == String(decoding: plain, as: UTF8.self), "the backend saw the decompressed body")
                let names = (served.json["headers"] as? [[String]] ?? []).map { $0.first?.lowercased() }
                #expect(!names.contains("content-encoding"), "and no coding it no longer has")
            }

            let refused = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST, headers: gzip, body: invalid)
            #expect(refused.status == 400)
            #expect(refused.text == #"{"message":"Invalid request body"}"#, "the validator checked the decompressed body")

            let unsupported = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST,
                                                       headers: [("Content-Type", "application/json"), ("Content-Encoding", "br")], body: gzipped)
            #expect(unsupported.status == 415)
            #expect(unsupported.text == #"{"message":"Unsupported Media Type"}"#)
            let corrupt = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST, headers: gzip, body: plain)
            #expect(corrupt.status == 415)

            #expect(bomb.count < 100_000)
            let tooLarge = try await cluster.invoke(port: port, apiId: api.id, "/prod/pets", method: .POST, headers: gzip, body: bomb)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.text == #"{"message":"Request Too Long"}"#)
        }
    }
}
