/// One sample of the Prometheus text exposition format (`name{label="value",…} 1.5`), and the
/// parser `tollgate top` reads nodes' `/_tollgate/metrics` with. Pure; comment lines, blank lines
/// and lines it cannot read are skipped (a scrape is read for display, never trusted for more).
struct PrometheusSample: Equatable {
    let name: String
    let labels: [String: String]
    let value: Double

    static func parse(_ text: String) -> [PrometheusSample] {
        text.split(separator: "\n").compactMap { parseLine($0) }
    }

    static func parseLine(_ line: Substring) -> PrometheusSample? {
        guard let first = line.first, first != "#" else { return nil }
        var rest = line[...]
        guard let nameEnd = rest.firstIndex(where: { $0 == "{" || $0 == " " }) else { return nil }
        let name = String(rest[..<nameEnd])
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)...].first == "\"" else { return nil }
                let key = String(rest[..<equals]).trimming(" ,")
                rest = rest[rest.index(equals, offsetBy: 2)...]
                var value = ""
                var escaped = false
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character == "n" ? "\n" : character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
                labels[key] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { return nil }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard let valueText = fields.first, let value = Double(valueText) ?? Self.special(valueText) else { return nil }
        return PrometheusSample(name: name, labels: labels, value: value)
    }

    private static func special(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return nil
        }
    }
}

private extension String {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
