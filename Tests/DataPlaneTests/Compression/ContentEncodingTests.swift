import Testing
@testable import DataPlane
@testable import Shared

/// Which codings a request's `Content-Encoding` asks the gateway to undo, in which order.
@Suite struct ContentEncodingTests {
    @Test(arguments: [
        ([], .identity), ([""], .identity), (["identity"], .identity), (["Identity, identity"], .identity),
        (["gzip"], .decode([.gzip])), (["x-gzip"], .decode([.gzip])), ([" GZip "], .decode([.gzip])),
        (["deflate"], .decode([.deflate])),
        (["deflate, gzip"], .decode([.gzip, .deflate])),      // applied deflate then gzip: undo gzip first
        (["deflate", "gzip"], .decode([.gzip, .deflate])),    // the same over two header fields
        (["gzip, identity"], .decode([.gzip])), (["gzip,,"], .decode([.gzip])),
        (["br"], .unsupported), (["x-foo"], .unsupported), (["compress"], .unsupported), (["gzip, br"], .unsupported),
        (["gzip;q=1"], .unsupported),                         // parameters are not part of a coding name
        (["gzip, gzip, gzip, gzip"], .decode([.gzip, .gzip, .gzip, .gzip])),
        (["gzip, gzip, gzip, gzip, gzip"], .unsupported),     // more than `maxCodings`
    ] as [([String], ContentEncoding)])
    func namesTheCodingsToUndoLastAppliedFirst(values: [String], expected: ContentEncoding) {
        #expect(ContentEncoding(values) == expected)
    }
}
