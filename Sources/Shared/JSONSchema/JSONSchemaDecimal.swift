/// A finite number as `significand × 10^exponent` with the significand free of trailing zeros:
/// the decimal the JSON text most likely said, recovered from the shortest round-trip form of the
/// `Double`. `multipleOf` divides in this form, so `0.0075` is a multiple of `0.0001` and `19.99`
/// of `0.01`, which binary floating point gets wrong.
struct JSONSchemaDecimal: Sendable, Equatable {
    /// Positive; the sign never matters for divisibility.
    let significand: UInt64
    let exponent: Int

    init(significand: UInt64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// Nil for NaN and infinities. Zero is `0 × 10^0`.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == 0 { significand = 0; exponent = 0; return }
        var digits: UInt64 = 0
        var exponent = 0
        var seenPoint = false
        var seenDigit = false
        var text = Substring(abs(value).description)
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let power = Int(text[text.index(after: e)...]) else { return nil }
            exponent = power
            text = text[..<e]
        }
        for character in text.utf8 {
            if character == UInt8(ascii: ".") { seenPoint = true; continue }
            guard character >= 0x30, character <= 0x39 else { return nil }
            let digit = UInt64(character - 0x30)
            if !seenDigit && digit == 0 { if seenPoint { exponent -= 1 }; continue }
            seenDigit = true
            guard digits <= (UInt64.max - 9) / 10 else { return nil }
            digits = digits * 10 + digit
            if seenPoint { exponent -= 1 }
        }
        while digits != 0, digits % 10 == 0 { digits /= 10; exponent += 1 }
        significand = digits
        self.exponent = exponent
    }

    /// Whether `self / divisor` is an integer, exactly. `divisor` must not be zero.
    func isMultiple(of divisor: JSONSchemaDecimal) -> Bool {
        if significand == 0 { return true }
        // self / divisor = (a / b) × 10^(ea − eb); with trailing zeros stripped from both, a
        // negative power leaves a fraction.
        guard exponent >= divisor.exponent else { return false }
        let b = divisor.significand
        let power = Self.powerOfTen(exponent - divisor.exponent, modulo: b)
        return Self.multiply(significand % b, power, modulo: b) == 0
    }

    /// 10^n mod m by repeated squaring.
    private static func powerOfTen(_ n: Int, modulo m: UInt64) -> UInt64 {
        var result: UInt64 = 1 % m
        var base: UInt64 = 10 % m
        var n = n
        while n > 0 {
            if n & 1 == 1 { result = multiply(result, base, modulo: m) }
            base = multiply(base, base, modulo: m)
            n >>= 1
        }
        return result
    }

    private static func multiply(_ a: UInt64, _ b: UInt64, modulo m: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth((high: product.high, low: product.low)).remainder
    }
}
