#if canImport(Glibc)
import Glibc
#endif
import ControlPlane
import Foundation

// `OpenAPIBench FILE ROUNDS`: run by bench/openapi.sh (release build). Reads FILE (JSON or YAML)
// into memory, then imports it ROUNDS times as ImportRestApi does without the store
// (`OpenAPIImportRun`), printing each round's wall time and, at the end, the process's peak
// resident memory (getrusage ru_maxrss) and the resource and method counts.
let arguments = CommandLine.arguments
guard arguments.count == 3, let rounds = Int(arguments[2]), rounds > 0,
      let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: OpenAPIBench FILE ROUNDS\n".utf8))
    exit(2)
}
let bytes = Array(data)
var counts = (resources: 0, methods: 0)
for round in 1...rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    switch OpenAPIImportRun.run(bytes) {
    case .success(let result): counts = result
    case .failure(let failure):
        FileHandle.standardError.write(Data("import failed: \(failure.message)\n".utf8))
        exit(1)
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    print("round \(round) \(String(format: "%.1f", elapsed)) ms")
}
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print("peak_rss_kib \(usage.ru_maxrss)")
print("resources \(counts.resources) methods \(counts.methods) bytes \(bytes.count)")
