import Shared

/// Writes IAM's XML answers: `<{Action}Response xmlns=…><{Action}Result>…</…Result><ResponseMetadata>…`,
/// and `<ErrorResponse>` for errors, exactly as IAM shapes them.
///
/// A small append-only builder; text is escaped (`&`, `<`, `>`; quotes need no escape in text). Pure.
struct IAMXML {
    static let namespace = "https://iam.amazonaws.com/doc/2010-05-08/"

    private(set) var text = ""

    /// `<name>escaped value</name>`.
    mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>"
        text += Self.escape(value)
        text += "</\(name)>"
    }

    /// `<name>` … `</name>` around what `body` writes.
    mutating func element(_ name: String, _ body: (inout IAMXML) -> Void) {
        text += "<\(name)>"
        body(&self)
        text += "</\(name)>"
    }

    /// `<name><member>…</member>…</name>`, one member per item.
    mutating func members<T>(_ name: String, _ items: [T], _ body: (inout IAMXML, T) -> Void) {
        element(name) { xml in
            for item in items { xml.element("member") { body(&$0, item) } }
        }
    }

    /// The full success document for `action`; `result` is the inner XML of `<{action}Result>`
    /// (nil for actions whose answer has no result element, such as DeleteUser).
    static func response(action: String, result: String?, requestId: String) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<\(action)Response xmlns=\"\(namespace)\">"
        if let result { out += "<\(action)Result>\(result)</\(action)Result>" }
        out += "<ResponseMetadata><RequestId>\(escape(requestId))</RequestId></ResponseMetadata>"
        out += "</\(action)Response>\n"
        return out
    }

    /// IAM's error document.
    static func error(_ error: IAMError, requestId: String) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(error.isSender ? "Sender" : "Receiver")</Type>"
        out += "<Code>\(escape(error.code))</Code><Message>\(escape(error.message))</Message></Error>"
        out += "<RequestId>\(escape(requestId))</RequestId></ErrorResponse>\n"
        return out
    }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// `2026-12-02T05:45:59Z`, IAM's `dateType` on the wire.
    static func date(_ epochSeconds: Int64) -> String {
        let (days, second) = CivilDate.split(epochSeconds: epochSeconds)
        let day = CivilDate(daysSinceEpoch: days)
        return day.isoDate + "T" + CivilDate.zeroPadded(second / 3600, width: 2) + ":"
            + CivilDate.zeroPadded(second / 60 % 60, width: 2) + ":" + CivilDate.zeroPadded(second % 60, width: 2) + "Z"
    }

    /// A policy document as IAM returns it: percent-encoded (RFC 3986); botocore and the CLI decode it.
    static func encodedPolicy(_ document: String) -> String {
        PercentEncoding.encode(document, keeping: .unreserved)
    }
}
