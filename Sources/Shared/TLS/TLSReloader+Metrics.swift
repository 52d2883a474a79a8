extension TLSReloader.Counters {
    /// The `tollgate_tls_*` families of a process with a `--tls-listen` listener (a node or the
    /// control plane): file polls, loads by result, and whether the last load failed.
    package var families: [PrometheusExposition.Family] {
        typealias Family = PrometheusExposition.Family
        typealias Sample = PrometheusExposition.Sample
        return [
            Family(name: "tollgate_tls_file_polls_total", help: "Polls of the TLS certificate and key files (every 2 s).", kind: .counter,
                   samples: [Sample(value: .number(Double(polls)))]),
            Family(name: "tollgate_tls_reloads_total", help: "Loads of the TLS certificate and key files (change, retry, SIGHUP) by result.",
                   kind: .counter,
                   samples: [Sample(labels: [("result", "reloaded")], value: .number(Double(reloads))),
                             Sample(labels: [("result", "failed")], value: .number(Double(failures)))]),
            Family(name: "tollgate_tls_reload_failing", help: "1 when the last load of the TLS files failed (an older certificate serves).",
                   kind: .gauge, samples: [Sample(value: .number(failing ? 1 : 0))]),
        ]
    }
}
