/// One function the runner serves: its name and the command that runs its runtime loop.
///
/// Parsed from `NAME=COMMAND` or `NAME[HANDLER]=COMMAND` (`--function`): `NAME` is a Lambda
/// function name (1–64 of `A-Za-z0-9-_`), `HANDLER` becomes `_HANDLER` in the child's environment,
/// `COMMAND` runs under `/bin/sh -c` in `workingDirectory` (`LAMBDA_TASK_ROOT`).
package struct FunctionSpec: Sendable, Equatable {
    package var name: String
    package var command: String
    package var handler: String?
    package var workingDirectory: String
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, MB (AWS's default 128). Informational: not enforced,
    /// which docs/compatibility.md says.
    package var memorySize: Int = 128

    package init(name: String, command: String, handler: String? = nil, workingDirectory: String, memorySize: Int = 128) {
        self.name = name
        self.command = command
        self.handler = handler
        self.workingDirectory = workingDirectory
        self.memorySize = memorySize
    }

    /// Why a `--function` value was refused (one readable line).
    package struct ParseError: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    /// Parses `NAME=COMMAND` or `NAME[HANDLER]=COMMAND`. Pure.
    package static func parse(_ text: String, workingDirectory: String) throws(ParseError) -> FunctionSpec {
        guard let eq = text.firstIndex(of: "=") else {
            throw ParseError(description: "--function must look like NAME=COMMAND or NAME[HANDLER]=COMMAND, got '\(text)'")
        }
        var name = String(text[..<eq])
        let command = String(text[text.index(after: eq)...])
        var handler: String?
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            handler = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open])
            if handler?.isEmpty ?? true { throw ParseError(description: "--function \(name): the handler in [] is empty") }
        }
        guard isValidName(name) else {
            throw ParseError(description: "--function: '\(name)' is not a Lambda function name (1-64 of A-Z a-z 0-9 - _)")
        }
        guard !command.trimmingWhitespace.isEmpty else { throw ParseError(description: "--function \(name): the command is empty") }
        return FunctionSpec(name: name, command: command, handler: handler, workingDirectory: workingDirectory)
    }

    /// AWS's function-name rule: 1–64 characters of letters, digits, hyphens and underscores.
    package static func isValidName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
