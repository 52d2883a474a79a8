/// Renders metric families in Prometheus's text exposition format, version 0.0.4
/// (`Content-Type: text/plain; version=0.0.4; charset=utf-8`).
///
/// Pure: families in, text out. Each family gets one `# HELP` and one `# TYPE` line, then its
/// samples; label values are escaped (`\` → `\\`, `"` → `\"`, newline → `\n`) and HELP text too
/// (`\` and newline). A histogram is handed in with per-bucket (non-cumulative) counts and is
/// written cumulatively with `le` labels, a final `le="+Inf"` bucket equal to `_count`, then
/// `_sum` and `_count`. Families with no samples still print their HELP and TYPE lines.
package enum PrometheusExposition {
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A metric's kind, as written on its `# TYPE` line.
    package enum Kind: String, Sendable {
        case counter
        case gauge
        case histogram
    }

    /// One label set's value(s).
    package enum Value: Sendable, Equatable {
        case number(Double)
        /// `bucketCounts[i]` observations fell in `(bounds[i-1], bounds[i]]`; the last entry counts
        /// those above every bound (so `bucketCounts.count == bounds.count + 1`).
        case histogram(bucketCounts: [UInt64], sum: Double)
    }

    package struct Sample: Sendable, Equatable {
        package var labels: [(String, String)]
        package var value: Value

        package init(labels: [(String, String)] = [], value: Value) {
            self.labels = labels
            self.value = value
        }

        package static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.value == rhs.value && lhs.labels.map { $0.0 } == rhs.labels.map { $0.0 } && lhs.labels.map { $0.1 } == rhs.labels.map { $0.1 }
        }
    }

    package struct Family: Sendable, Equatable {
        package var name: String
        package var help: String
        package var kind: Kind
        /// Upper bounds of a histogram's buckets, ascending (empty for counters and gauges).
        package var bounds: [Double]
        package var samples: [Sample]

        package init(name: String, help: String, kind: Kind, bounds: [Double] = [], samples: [Sample] = []) {
            self.name = name
            self.help = help
            self.kind = kind
            self.bounds = bounds
            self.samples = samples
        }
    }

    /// The exposition text of `families`, in the order given.
    package static func render(_ families: [Family]) -> String {
        var out = ""
        out.reserveCapacity(families.count * 256)
        for family in families {
            out += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                switch sample.value {
                case .number(let value):
                    out += family.name + labelText(sample.labels) + " " + format(value) + "\n"
                case .histogram(let counts, let sum):
                    var cumulative: UInt64 = 0
                    for (index, bound) in family.bounds.enumerated() {
                        cumulative &+= index < counts.count ? counts[index] : 0
                        out += family.name + "_bucket" + labelText(sample.labels + [("le", format(bound))]) + " \(cumulative)\n"
                    }
                    if counts.count > family.bounds.count { cumulative &+= counts[family.bounds.count] }
                    out += family.name + "_bucket" + labelText(sample.labels + [("le", "+Inf")]) + " \(cumulative)\n"
                    out += family.name + "_sum" + labelText(sample.labels) + " " + format(sum) + "\n"
                    out += family.name + "_count" + labelText(sample.labels) + " \(cumulative)\n"
                }
            }
        }
        return out
    }

    /// `{a="1",b="2"}`, or nothing for no labels.
    static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// A label value as the format quotes it: backslash, double quote and line feed escaped.
    package static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// HELP text: backslash and line feed escaped (quotes stay).
    static func escapeHelp(_ text: String) -> String {
        text.replacingBackslashesAndNewlines()
    }

    /// A sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN` as the format spells them.
    package static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension String {
    fileprivate func replacingBackslashesAndNewlines() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
