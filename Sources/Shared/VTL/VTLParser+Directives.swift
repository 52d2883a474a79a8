/// The directives with arguments and bodies: `#set`, `#if`/`#elseif`/`#else`, `#foreach`,
/// `#define` and `#macro`, each ending at its `#end`.
extension VTLParser {
    mutating func expect(_ byte: UInt8, directive: String) throws(VTLCompileError) {
        skipWhitespace()
        guard peek() == byte else {
            throw error(.malformedDirective("\(directive) expects '\(Character(Unicode.Scalar(byte)))'"))
        }
        advance()
    }

    mutating func parseParenthesizedExpression(directive: String) throws(VTLCompileError) -> VTLExpression {
        try expect(UInt8(ascii: "("), directive: directive)
        let expression = try parseExpression()
        try expect(UInt8(ascii: ")"), directive: directive)
        return expression
    }

    mutating func parseSet(at start: VTLPosition) throws(VTLCompileError) -> VTLNode {
        try expect(UInt8(ascii: "("), directive: "#set")
        skipWhitespace()
        guard peek() == UInt8(ascii: "$"), let target = try parseReference() else {
            throw error(.malformedDirective("#set expects a reference"))
        }
        if case .method = target.steps.last { throw error(.malformedDirective("#set cannot assign to a method call"), at: target.position) }
        try expect(UInt8(ascii: "="), directive: "#set")
        let value = try parseExpression()
        try expect(UInt8(ascii: ")"), directive: "#set")
        gobbleLineEnd()
        return .set(target: target, value: value, position: start)
    }

    mutating func parseIf(at start: VTLPosition) throws(VTLCompileError) -> VTLNode {
        var condition = try parseParenthesizedExpression(directive: "#if")
        gobbleLineEnd()
        var branches: [VTLBranch] = []
        while true {
            let (body, terminator) = try parseNodes(inBlock: true, acceptsElse: true)
            branches.append(VTLBranch(condition: condition, body: body))
            switch terminator {
            case .elseIf(let next):
                condition = next
            case .otherwise:
                let (otherwise, last) = try parseNodes(inBlock: true, acceptsElse: false)
                guard case .end = last else { throw error(.missingEnd("#if"), at: start) }
                return .conditional(branches: branches, otherwise: otherwise)
            case .end:
                return .conditional(branches: branches, otherwise: [])
            case .endOfInput:
                throw error(.missingEnd("#if"), at: start)
            }
        }
    }

    mutating func parseForeach(at start: VTLPosition) throws(VTLCompileError) -> VTLNode {
        try expect(UInt8(ascii: "("), directive: "#foreach")
        let variable = try parseVariableName(directive: "#foreach")
        skipWhitespace()
        guard peek() == UInt8(ascii: "i"), peek(1) == UInt8(ascii: "n"), !Self.isIdentifierPart(peek(2)) else {
            throw error(.malformedDirective("#foreach expects 'in'"))
        }
        advance(2)
        let iterable = try parseExpression()
        try expect(UInt8(ascii: ")"), directive: "#foreach")
        gobbleLineEnd()
        let (body, terminator) = try parseNodes(inBlock: true, acceptsElse: false)
        guard case .end = terminator else { throw error(.missingEnd("#foreach"), at: start) }
        return .foreach(variable: variable, iterable: iterable, body: body, position: start)
    }

    /// `$name` or `${name}` with no steps, as `#foreach`, `#define` and `#macro` take.
    mutating func parseVariableName(directive: String) throws(VTLCompileError) -> Int {
        skipWhitespace()
        guard peek() == UInt8(ascii: "$") else { throw error(.malformedDirective("\(directive) expects a variable")) }
        advance()
        let braced = peek() == UInt8(ascii: "{")
        if braced { advance() }
        guard Self.isIdentifierStart(peek()) else { throw error(.malformedDirective("\(directive) expects a variable")) }
        let name = identifier()
        if braced {
            guard peek() == UInt8(ascii: "}") else { throw error(.unterminatedReference) }
            advance()
        }
        return slot(for: name)
    }

    mutating func parseDefine() throws(VTLCompileError) -> VTLNode {
        let start = here
        try expect(UInt8(ascii: "("), directive: "#define")
        let variable = try parseVariableName(directive: "#define")
        try expect(UInt8(ascii: ")"), directive: "#define")
        gobbleLineEnd()
        let (body, terminator) = try parseNodes(inBlock: true, acceptsElse: false)
        guard case .end = terminator else { throw error(.missingEnd("#define"), at: start) }
        blocks.append(body)
        return .define(variable: variable, block: blocks.count - 1)
    }

    /// `#macro(name $a $b)body#end`: registered for the whole template (calls may come first).
    mutating func parseMacro() throws(VTLCompileError) {
        let start = here
        try expect(UInt8(ascii: "("), directive: "#macro")
        skipWhitespace()
        guard Self.isIdentifierStart(peek()) else { throw error(.malformedDirective("#macro expects a name")) }
        let name = identifier(allowingHyphen: false)
        var parameters: [Int] = []
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            if peek() == UInt8(ascii: ")") { advance(); break }
            parameters.append(try parseVariableName(directive: "#macro"))
        }
        gobbleLineEnd()
        let (body, terminator) = try parseNodes(inBlock: true, acceptsElse: false)
        guard case .end = terminator else { throw error(.missingEnd("#macro"), at: start) }
        macros[name] = VTLMacro(parameters: parameters, body: body)
    }
}
