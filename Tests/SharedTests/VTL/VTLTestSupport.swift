import Testing
@testable import Shared

/// One template and the output it must produce.
struct VTLCase: CustomTestStringConvertible, Sendable {
    let template: String
    let expected: String

    init(_ template: String, _ expected: String) {
        self.template = template
        self.expected = expected
    }

    var testDescription: String { template }
}

enum VTL {
    /// Compiles and renders `template` with `context`.
    static func render(_ template: String, _ context: [String: VTLValue] = [:], limits: VTLLimits = .apiGateway) throws -> String {
        try VTLProgram.compile(template, limits: limits).render(context)
    }

    /// The variables a test context usually holds.
    static func context(body: String = "", request: VTLRequest = VTLRequest()) -> [String: VTLValue] {
        var request = request
        if !body.isEmpty { request.body = Array(body.utf8) }
        return ["input": .host(VTLInput(request)), "util": .host(VTLUtil())]
    }

    static func compileError(_ template: String) -> VTLCompileError? {
        do {
            _ = try VTLProgram.compile(template)
            return nil
        } catch {
            return error
        }
    }

    static func runtimeError(_ template: String, _ context: [String: VTLValue] = [:], limits: VTLLimits = .apiGateway) throws -> VTLRuntimeError? {
        let program = try VTLProgram.compile(template, limits: limits)
        do {
            _ = try program.render(context)
            return nil
        } catch {
            return error
        }
    }
}
