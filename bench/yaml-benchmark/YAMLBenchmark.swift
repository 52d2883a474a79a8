import Foundation
import Shared

/// The YAML reader outside the test runner: timing rounds for bench/yaml.sh, and the two
/// conversions the PyYAML interop test drives (`to-json`: YAML in, compact JSON out; `to-yaml`:
/// JSON in, `YAMLWriter` output). A reader error is printed as `line:column: message` on
/// stderr with exit status 1.
enum YAMLBenchmark {
    static func main(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: YAMLBench time FILE ROUNDS | to-json FILE | to-yaml FILE\n".utf8))
            return 2
        }
        let bytes = Array(data)
        switch arguments[0] {
        case "time":
            return time(bytes, rounds: arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5)
        case "to-json":
            do {
                let value = try YAMLReader.json(bytes)
                print(value.serialized())
                return 0
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 1
            }
        case "to-yaml":
            guard let value = try? JSONParser.parse(bytes) else {
                FileHandle.standardError.write(Data("not JSON\n".utf8))
                return 1
            }
            FileHandle.standardOutput.write(Data(YAMLWriter.write(value).utf8))
            return 0
        default:
            FileHandle.standardError.write(Data("unknown mode \(arguments[0])\n".utf8))
            return 2
        }
    }

    /// Reads `bytes` to JSON `rounds` times; prints one `round MS` line each (wall clock).
    private static func time(_ bytes: [UInt8], rounds: Int) -> Int32 {
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let value = try YAMLReader.json(bytes)
                guard case .object = value else { return 1 }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 1
            }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            print("round \(Double(elapsed) / 1e6)")
        }
        return 0
    }
}
