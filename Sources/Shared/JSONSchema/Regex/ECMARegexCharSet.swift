/// A set of Unicode scalars as an ECMA 262 character class denotes it: ranges, the `\d \w \s`
/// classes (ASCII digits and word characters, ECMA's white space and line terminators) and
/// `\p{…}` general categories, optionally negated. Immutable once built; `contains` allocates
/// nothing.
struct ECMARegexCharSet: Sendable, Equatable {
    /// One member of a class other than a literal range.
    enum Builtin: Sendable, Equatable {
        case digit, notDigit, word, notWord, space, notSpace
        /// Scalars whose general category is in the mask (bit `ECMARegexCharSet.categoryBit`).
        case category(UInt32), notCategory(UInt32)
    }

    var ranges: [ClosedRange<UInt32>] = []
    var builtins: [Builtin] = []
    var negated = false

    func contains(_ value: UInt32) -> Bool {
        var found = false
        for range in ranges where range.contains(value) { found = true; break }
        if !found {
            for builtin in builtins where Self.matches(builtin, value) { found = true; break }
        }
        return found != negated
    }

    static func matches(_ builtin: Builtin, _ value: UInt32) -> Bool {
        switch builtin {
        case .digit: return isDigit(value)
        case .notDigit: return !isDigit(value)
        case .word: return isWord(value)
        case .notWord: return !isWord(value)
        case .space: return isSpace(value)
        case .notSpace: return !isSpace(value)
        case .category(let mask): return inCategory(value, mask)
        case .notCategory(let mask): return !inCategory(value, mask)
        }
    }

    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    static func isWord(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
    }

    /// ECMA 262 WhiteSpace and LineTerminator: TAB VT FF SP NBSP ZWNBSP, Zs, LF CR LS PS.
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// `.` excludes the line terminators LF, CR, LS and PS.
    static func isLineTerminator(_ v: UInt32) -> Bool { v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 }

    static func inCategory(_ v: UInt32, _ mask: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return mask & (1 << categoryBit(scalar.properties.generalCategory)) != 0
    }

    // MARK: - General categories

    static func categoryBit(_ category: Unicode.GeneralCategory) -> UInt32 {
        switch category {
        case .uppercaseLetter: return 0
        case .lowercaseLetter: return 1
        case .titlecaseLetter: return 2
        case .modifierLetter: return 3
        case .otherLetter: return 4
        case .nonspacingMark: return 5
        case .spacingMark: return 6
        case .enclosingMark: return 7
        case .decimalNumber: return 8
        case .letterNumber: return 9
        case .otherNumber: return 10
        case .connectorPunctuation: return 11
        case .dashPunctuation: return 12
        case .openPunctuation: return 13
        case .closePunctuation: return 14
        case .initialPunctuation: return 15
        case .finalPunctuation: return 16
        case .otherPunctuation: return 17
        case .mathSymbol: return 18
        case .currencySymbol: return 19
        case .modifierSymbol: return 20
        case .otherSymbol: return 21
        case .spaceSeparator: return 22
        case .lineSeparator: return 23
        case .paragraphSeparator: return 24
        case .control: return 25
        case .format: return 26
        case .surrogate: return 27
        case .privateUse: return 28
        case .unassigned: return 29
        @unknown default: return 29
        }
    }

    /// The category mask for a `\p{…}` name: short and long general-category names (`L`,
    /// `Letter`, `Nd`, `Decimal_Number`, …, optionally as `General_Category=…` or `gc=…`),
    /// compared loosely (case, `_`, `-` and spaces ignored) so `digit` means `Nd`. Nil when unknown.
    static func categoryMask(named raw: String) -> UInt32? {
        var name = raw
        if let eq = name.firstIndex(of: "=") {
            let key = loose(String(name[..<eq]))
            guard key == "gc" || key == "generalcategory" else { return nil }
            name = String(name[name.index(after: eq)...])
        }
        let bits: [Int]
        switch loose(name) {
        case "l", "letter": bits = [0, 1, 2, 3, 4]
        case "lc", "casedletter": bits = [0, 1, 2]
        case "lu", "uppercaseletter": bits = [0]
        case "ll", "lowercaseletter": bits = [1]
        case "lt", "titlecaseletter": bits = [2]
        case "lm", "modifierletter": bits = [3]
        case "lo", "otherletter": bits = [4]
        case "m", "mark", "combiningmark": bits = [5, 6, 7]
        case "mn", "nonspacingmark": bits = [5]
        case "mc", "spacingmark": bits = [6]
        case "me", "enclosingmark": bits = [7]
        case "n", "number": bits = [8, 9, 10]
        case "nd", "decimalnumber", "digit": bits = [8]
        case "nl", "letternumber": bits = [9]
        case "no", "othernumber": bits = [10]
        case "p", "punctuation", "punct": bits = [11, 12, 13, 14, 15, 16, 17]
        case "pc", "connectorpunctuation": bits = [11]
        case "pd", "dashpunctuation": bits = [12]
        case "ps", "openpunctuation": bits = [13]
        case "pe", "closepunctuation": bits = [14]
        case "pi", "initialpunctuation": bits = [15]
        case "pf", "finalpunctuation": bits = [16]
        case "po", "otherpunctuation": bits = [17]
        case "s", "symbol": bits = [18, 19, 20, 21]
        case "sm", "mathsymbol": bits = [18]
        case "sc", "currencysymbol": bits = [19]
        case "sk", "modifiersymbol": bits = [20]
        case "so", "othersymbol": bits = [21]
        case "z", "separator": bits = [22, 23, 24]
        case "zs", "spaceseparator": bits = [22]
        case "zl", "lineseparator": bits = [23]
        case "zp", "paragraphseparator": bits = [24]
        case "c", "other": bits = [25, 26, 27, 28, 29]
        case "cc", "control", "cntrl": bits = [25]
        case "cf", "format": bits = [26]
        case "cs", "surrogate": bits = [27]
        case "co", "privateuse": bits = [28]
        case "cn", "unassigned": bits = [29]
        default: return nil
        }
        return bits.reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
    }

    private static func loose(_ text: String) -> String {
        String(text.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
}
