/// STAND-IN, to be replaced by `ResourceID.generate(length:)` and `ApiKeyValue.generate()` from
/// Shared/Crypto once they land on main. Uses `SystemRandomNumberGenerator` (getrandom(2) on Linux,
/// a CSPRNG), so the ids and key values it makes are already unpredictable.
enum StandInIdentifiers {
    private static let lowercaseAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// An AWS-style id: `length` lowercase alphanumerics (10 for REST APIs and root resources, 6 otherwise).
    static func resourceID(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in lowercaseAlphanumerics.randomElement(using: &generator)! })
    }

    /// A 40-character API key value of mixed-case alphanumerics, like the ones AWS generates.
    static func apiKeyValue() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in alphanumerics.randomElement(using: &generator)! })
    }
}
