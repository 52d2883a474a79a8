import Testing
@testable import tollgate

/// `tollgate top`'s pieces without a cluster: reading the exposition format, and the frame made
/// from two scrapes.
@Suite struct TopViewTests {
    static func scrape(requests: Double, errors5xx: Double, buckets: [(String, Double)], revision: Int = 7) -> [PrometheusSample] {
        var text = """
        # HELP tollgate_api_requests_total Requests.
        # TYPE tollgate_api_requests_total counter
        tollgate_api_requests_total{api_id="a1",api_name="shop",stage="prod"} \(requests)
        tollgate_api_requests_total{api_id="b2",api_name="",stage="dev"} 1
        tollgate_api_4xx_errors_total{api_id="a1",api_name="shop",stage="prod"} 0
        tollgate_api_5xx_errors_total{api_id="a1",api_name="shop",stage="prod"} \(errors5xx)
        tollgate_snapshot_revision \(revision)
        tollgate_gossip_peers_heard 2
        tollgate_snapshot_last_poll_age_seconds 1.4

        """
        for (le, count) in buckets {
            text += "tollgate_api_latency_seconds_bucket{api_id=\"a1\",api_name=\"shop\",stage=\"prod\",le=\"\(le)\"} \(count)\n"
        }
        return PrometheusSample.parse(text)
    }

    @Test func readsSamplesLabelsEscapesAndSpecialValues() {
        let samples = PrometheusSample.parse("""
        # TYPE x counter
        x_total 3
        y{a="1",b="say \\"hi\\"\\n"} 2.5 1700000000000
        z{le="+Inf"} +Inf
        broken{a="1" 2
        """)
        #expect(samples == [PrometheusSample(name: "x_total", labels: [:], value: 3),
                            PrometheusSample(name: "y", labels: ["a": "1", "b": "say \"hi\"\n"], value: 2.5),
                            PrometheusSample(name: "z", labels: ["le": "+Inf"], value: .infinity)])
    }

    @Test func aFrameShowsRatesPercentilesAndTheBusiestStages() {
        let before = Self.scrape(requests: 100, errors5xx: 1, buckets: [("0.005", 50), ("0.025", 90), ("0.1", 100), ("+Inf", 100)])
        let after = Self.scrape(requests: 300, errors5xx: 5, buckets: [("0.005", 150), ("0.025", 280), ("0.1", 298), ("+Inf", 300)])
        let frame = TopView.render(title: "T", previous: ["n1:1": before], current: [
            TopView.Scrape(name: "n1:1", samples: after),
            TopView.Scrape(name: "n2:2", samples: nil, error: "connection refused"),
            TopView.Scrape(name: "n3:3", samples: after),  // no earlier scrape: no rates
        ], seconds: 2)
        let lines = frame.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "T")
        #expect(lines[1].hasPrefix("NODE"))
        // 200 requests and 4 5XX in 2 s; of the 200, 100 took ≤5 ms and 190 ≤25 ms: p50 ≤5ms, p99 ≤100ms.
        #expect(lines[2].split(separator: " ") == ["n1:1", "100", "0.0", "2.0", "≤5ms", "≤100ms", "7", "2", "1s"])
        #expect(lines[3] == "n2:2               unreachable: connection refused")
        #expect(lines[4].split(separator: " ") == ["n3:3", "-", "-", "-", "-", "-", "7", "2", "1s"])
        #expect(lines[6].hasPrefix("API/STAGE"))
        #expect(lines[7].split(separator: " ") == ["shop/prod", "100", "2.0"])
        #expect(lines[8].split(separator: " ") == ["b2/dev", "0.0", "0.0"])  // no name: the API id
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test func aRestartedNodesFallingCountersShowNoRate() {
        let before = Self.scrape(requests: 500, errors5xx: 0, buckets: [("0.005", 500), ("+Inf", 500)])
        let after = Self.scrape(requests: 20, errors5xx: 0, buckets: [("0.005", 20), ("+Inf", 20)])
        let frame = TopView.render(title: "T", previous: ["n": before], current: [TopView.Scrape(name: "n", samples: after)], seconds: 1)
        let row = frame.split(separator: "\n")[2].split(separator: " ")
        #expect(row[1] == "-" && row[4] == "-")
    }

    @Test func quantilesBeyondTheLastBoundSayAbove() {
        #expect(TopView.quantile([(0.1, 1), (.infinity, 10)], 0.99) == ">100ms")
        #expect(TopView.quantile(nil, 0.5) == "-")
    }
}
