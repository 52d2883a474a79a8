// libFuzzer entry point for the YAML reader. Built by `scripts/fuzz SECONDS yaml` together with
// Sources/Shared/YAML, Sources/Shared/JSON and the hex digits they use (swiftc
// -sanitize=fuzzer,address); not part of the Swift package.
//
// Invariants checked on every input (a violation traps, which libFuzzer reports as a crash):
// 1. Nothing crashes, overflows or reads out of bounds (ASan), and nothing hangs (-timeout),
//    whatever the bytes; small limits keep every limit path within reach of short inputs.
// 2. Whatever composes also parses: documents imply an event stream (the converse does not hold,
//    since an alias without its anchor is a composition error).
// 3. Every document that converts to JSON survives `YAMLWriter.write` and reads back equal.

let fuzzLimits = YAMLLimits(maxDepth: 40, maxAliasExpansion: 2_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let events = try? YAMLReader.events(bytes, limits: fuzzLimits)
    let documents = try? YAMLReader.documents(bytes, limits: fuzzLimits)
    precondition(documents == nil || events != nil, "the composer accepted what the parser refused")
    for document in documents ?? [] {
        // NaN never equals itself, so a document holding one cannot be compared after the round
        // trip. (`value == value` does not find it: Array's == answers true for one shared buffer.)
        guard let value = try? document.json(), !holdsNaN(value) else { continue }
        let written = YAMLWriter.write(value)
        guard let back = try? YAMLReader.json(Array(written.utf8)) else {
            preconditionFailure("the writer's output does not read back: \(written)")
        }
        precondition(back == value, "the writer's output reads back differently: \(written)")
    }
    return 0
}

/// Whether `value` holds a NaN anywhere.
func holdsNaN(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let number): return number.isNaN
    case .array(let items): return items.contains(where: holdsNaN)
    case .object(let members): return members.contains { holdsNaN($0.value) }
    case .null, .bool, .string: return false
    }
}
