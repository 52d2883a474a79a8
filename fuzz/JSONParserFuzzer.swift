// libFuzzer entry point for the JSON parser (`JSONParser`, the one reader of JSON from outside:
// admin request bodies, Lambda proxy results, `$input.json`/`$util.parseJson` in templates). Built
// by `scripts/fuzz SECONDS json` together with Sources/Shared/JSON (swiftc -sanitize=fuzzer,address);
// not part of the Swift package.
//
// Invariants checked on every input (a violation traps, which libFuzzer reports as a crash):
// 1. Nothing crashes, overflows or reads out of bounds (ASan), and nothing hangs, whatever the bytes
//    (nesting past `JSONParser.maxDepth` is an error, not a stack overflow).
// 2. A refusal names a byte offset inside the input (0...count).
// 3. Whatever parses is written by `serialized()` as text that parses back to an equal value (values
//    holding a non-finite number are skipped: JSON has none, so they are written as `null`), and that
//    text is valid UTF-8 (invalid UTF-8 inside strings was repaired to U+FFFD).
// 4. Parsing the written text and writing it again gives the same text (the writer is canonical).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes)
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count, "offset \(error.offset) outside 0...\(bytes.count)")
        return 0
    }
    guard !holdsNonFinite(value) else { return 0 }
    let written = value.serialized()
    var utf8 = Array(written.utf8)
    precondition(String(validating: utf8, as: UTF8.self) != nil, "the writer's output is not UTF-8")
    guard let back = try? JSONParser.parse(utf8) else { preconditionFailure("the writer's output does not parse: \(written)") }
    precondition(back == value, "the writer's output parses differently: \(written)")
    utf8 = Array(back.serialized().utf8)
    precondition(utf8 == Array(written.utf8), "writing twice differs: \(written)")
    return 0
}

private func holdsNonFinite(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let number): return !number.isFinite
    case .array(let items): return items.contains(where: holdsNonFinite)
    case .object(let members): return members.contains { holdsNonFinite($0.value) }
    case .null, .bool, .string: return false
    }
}
