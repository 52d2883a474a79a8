import Foundation

/// The API key file of ImportApiKeys (API Gateway developer guide, "API Gateway API key file format"),
/// parsed purely: a header row naming the columns in any order and case (`Name` and `Key` required;
/// `Description`, `Enabled`, `UsagePlanIds` optional; others ignored), then one key per row. Fields
/// may be quoted with `"` or `'` (a doubled quote inside is one quote), so a quoted `UsagePlanIds`
/// can hold several comma-separated ids. Lines end with LF or CRLF; blank lines are skipped.
struct ApiKeyCSV: Equatable {
    /// One row, with AWS's defaults applied (empty description, enabled true).
    struct Row: Equatable {
        /// 1-based line of the row in the file, for warnings.
        var line: Int
        var name: String
        var key: String
        var description: String
        var enabled: Bool?
        var usagePlanIds: [String]
    }

    var rows: [Row]

    enum Failure: Error, Equatable {
        case missingColumn(String)
        case unterminatedQuote(line: Int)
        case empty
    }

    static func parse(_ text: String) throws(Failure) -> ApiKeyCSV {
        let records = try records(text)
        guard let header = records.first else { throw .empty }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameIndex = columns.firstIndex(of: "name") else { throw .missingColumn("Name") }
        guard let keyIndex = columns.firstIndex(of: "key") else { throw .missingColumn("Key") }
        let descriptionIndex = columns.firstIndex(of: "description")
        let enabledIndex = columns.firstIndex(of: "enabled")
        let plansIndex = columns.firstIndex(of: "usageplanids")
        func field(_ fields: [String], _ index: Int?) -> String {
            guard let index, index < fields.count else { return "" }
            return fields[index]
        }
        let rows = records.dropFirst().map { record in
            let enabledText = field(record.fields, enabledIndex).trimmingCharacters(in: .whitespaces).lowercased()
            return Row(line: record.line, name: field(record.fields, nameIndex), key: field(record.fields, keyIndex),
                       description: field(record.fields, descriptionIndex),
                       enabled: enabledText.isEmpty ? true : (enabledText == "true" ? true : (enabledText == "false" ? false : nil)),
                       usagePlanIds: field(record.fields, plansIndex).split(separator: ",")
                           .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return ApiKeyCSV(rows: rows)
    }

    /// The non-blank records of `text` with their 1-based starting line.
    private static func records(_ text: String) throws(Failure) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quote: Character?
        var line = 1
        var recordLine = 1
        var atFieldStart = true
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            atFieldStart = true
        }
        var characters = Array(text).makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                if character == open {
                    if pending == open {  // a doubled quote is one quote character
                        field.append(open)
                        pending = characters.next()
                    } else {
                        quote = nil
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where atFieldStart, "'" where atFieldStart:
                quote = character
                atFieldStart = false
            case ",":
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
                atFieldStart = false
            }
        }
        if quote != nil { throw .unterminatedQuote(line: recordLine) }
        endRecord()
        return records
    }
}
