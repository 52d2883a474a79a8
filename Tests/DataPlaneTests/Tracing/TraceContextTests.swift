import Testing
@testable import DataPlane
@testable import Shared

/// W3C `traceparent` parsing, its X-Ray equivalent, and the context the gateway sends on.
@Suite struct TraceContextTests {
    static let valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

    @Test func aValidTraceparentBecomesTheXRayHeaderOfTheSameTrace() {
        #expect(TraceContext.xrayHeader(fromTraceparent: Self.valid)
            == "Root=1-0af76519-16cd43dd8448eb211c80319c;Parent=b7ad6b7169203331;Sampled=1")
        #expect(TraceContext.xrayHeader(fromTraceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")?.hasSuffix("Sampled=0") == true)
        // A later version is read by its first four fields.
        #expect(TraceContext.xrayHeader(fromTraceparent: "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03-what-comes") != nil)
    }

    @Test(arguments: [
        "", "00", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",  // upper case
        "00-00000000000000000000000000000000-b7ad6b7169203331-01",  // zero trace id
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",  // zero parent id
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",  // forbidden version
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",  // version 00 has no more fields
        "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x",
        "00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01",
    ])
    func invalidTraceparentsAreIgnored(header: String) {
        #expect(TraceContext.xrayHeader(fromTraceparent: header) == nil)
    }

    @Test func theContextComesFromTheXRayHeaderAndTheRequestId() {
        let identifiers = RequestIdentifiers(requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", extendedRequestId: "x",
                                             traceId: "Root=1-5759e988-bd862e3fe1be46a994272793; Parent=53995c3f42cd8ad8;Sampled=1")
        let context = TraceContext(identifiers)
        #expect(context == TraceContext(traceId: "5759e988bd862e3fe1be46a994272793", spanId: "9a4193e8deadbeef",
                                        parentSpanId: "53995c3f42cd8ad8", sampled: true))
        #expect(context.traceparent == "00-5759e988bd862e3fe1be46a994272793-9a4193e8deadbeef-01")
    }

    @Test func aMalformedRootTracesUnderTheRequestIdAndSampledZeroIsKept() {
        let identifiers = RequestIdentifiers(requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", extendedRequestId: "x",
                                             traceId: "Root=nonsense;Sampled=0")
        let context = TraceContext(identifiers)
        #expect(context.traceId == "c6af9ac67b6111e69a4193e8deadbeef")
        #expect(context.parentSpanId == nil)
        #expect(context.traceparent.hasSuffix("-00"))
    }

    @Test func aGeneratedTraceIdRoundTrips() {
        let generated = RandomRequestIdentifiers().identifiers(epochSeconds: 1_700_000_000, incomingTraceId: nil)
        let context = TraceContext(generated)
        #expect(context.traceId.utf8.count == 32)
        #expect(generated.traceId.contains(String(context.traceId.prefix(8))))
        #expect(TraceContext.xrayHeader(fromTraceparent: context.traceparent)?.hasPrefix(
            "Root=1-\(context.traceId.prefix(8))-\(context.traceId.dropFirst(8));Parent=\(context.spanId)") == true)
    }
}
