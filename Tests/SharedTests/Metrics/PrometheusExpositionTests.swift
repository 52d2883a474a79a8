import Testing
@testable import Shared

@Suite struct PrometheusExpositionTests {
    typealias Family = PrometheusExposition.Family
    typealias Sample = PrometheusExposition.Sample

    @Test(arguments: [
        ("plain", "plain"),
        (#"back\slash"#, #"back\\slash"#),
        (#"say "hi""#, #"say \"hi\""#),
        ("two\nlines", #"two\nlines"#),
        ("/pets/{id}", "/pets/{id}"),
        ("ünï", "ünï"),
    ])
    func escapesLabelValuesAsTheFormatQuotesThem(raw: String, escaped: String) {
        #expect(PrometheusExposition.escapeLabelValue(raw) == escaped)
    }

    @Test func writesHelpAndTypeOncePerFamilyEvenWithoutSamples() {
        let text = PrometheusExposition.render([
            Family(name: "a_total", help: "A \\ line\nbreak.", kind: .counter,
                   samples: [Sample(labels: [("k", "1")], value: .number(3)), Sample(labels: [("k", "2")], value: .number(4))]),
            Family(name: "b", help: "Nothing yet.", kind: .gauge),
        ])
        #expect(text == """
        # HELP a_total A \\\\ line\\nbreak.
        # TYPE a_total counter
        a_total{k="1"} 3
        a_total{k="2"} 4
        # HELP b Nothing yet.
        # TYPE b gauge

        """)
    }

    @Test func histogramBucketsAreCumulativeAndEndInInfEqualToCount() {
        let text = PrometheusExposition.render([
            Family(name: "lat_seconds", help: "Latency.", kind: .histogram, bounds: [0.1, 1],
                   samples: [Sample(labels: [("stage", "prod")], value: .histogram(bucketCounts: [2, 3, 1], sum: 4.5))]),
        ])
        #expect(text == """
        # HELP lat_seconds Latency.
        # TYPE lat_seconds histogram
        lat_seconds_bucket{stage="prod",le="0.1"} 2
        lat_seconds_bucket{stage="prod",le="1"} 5
        lat_seconds_bucket{stage="prod",le="+Inf"} 6
        lat_seconds_sum{stage="prod"} 4.5
        lat_seconds_count{stage="prod"} 6

        """)
    }

    @Test(arguments: [(0.0, "0"), (42.0, "42"), (0.005, "0.005"), (2.5, "2.5"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf")])
    func formatsValuesAsPrometheusReadsThem(value: Double, text: String) {
        #expect(PrometheusExposition.format(value) == text)
    }

    @Test(.enabled(if: Promtool.path != nil, Comment(rawValue: Promtool.missing)))
    func promtoolAcceptsEveryKindWithEscapedLabels() throws {
        let text = PrometheusExposition.render([
            Family(name: "tollgate_test_requests_total", help: "Requests \"quoted\".", kind: .counter,
                   samples: [Sample(labels: [("resource", "/a/\"b\"\\c\n")], value: .number(7))]),
            Family(name: "tollgate_test_open", help: "Open.", kind: .gauge, samples: [Sample(value: .number(1.5))]),
            Family(name: "tollgate_test_latency_seconds", help: "Latency.", kind: .histogram, bounds: [0.005, 0.5, 30],
                   samples: [Sample(labels: [("stage", "prod")], value: .histogram(bucketCounts: [1, 0, 2, 1], sum: 40.25))]),
        ])
        let result = try #require(try Promtool.check(text))
        #expect(result.status == 0, "promtool: \(result.output)\n\(text)")
    }
}
