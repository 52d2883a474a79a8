/// Runs a `VTLProgram` once: variables in slots, output into a byte buffer, every step counted
/// against `VTLLimits`. Synchronous and confined to the calling thread; one per evaluation.
///
/// Velocity 1.7 semantics: a null reference renders its own source (`$!a` renders nothing);
/// `#set` with a null value leaves the target unchanged; `#foreach` walks lists, map values and
/// iterable host objects (null walks nothing), binds `$foreach` (`index`, `count`, `hasNext`,
/// `first`, `last`, `parent`) and the older `$velocityCount`/`$velocityHasNext`, and restores
/// the loop variable afterwards; macros take their arguments by value (Velocity passes them by
/// name, re-evaluating an argument at each use: only a side-effecting argument sees the
/// difference), and their parameters are restored after the call.
struct VTLEvaluator {
    let program: VTLProgram
    let limits: VTLLimits
    var slots: [VTLValue]
    var output: [UInt8] = []
    var steps = 0
    var macroDepth = 0
    var renderDepth = 0
    /// The position of the construct running now, for errors raised below it.
    var position = VTLPosition(line: 1, column: 1)
    /// Containers that had a list or map stored into them: checked for cycles at the end.
    var mutatedContainers: [VTLValue] = []

    enum Flow {
        case normal
        case breakScope
        case stop
    }

    init(program: VTLProgram, context: [String: VTLValue]) {
        self.program = program
        self.limits = program.limits
        var slots = [VTLValue](repeating: .null, count: program.slotNames.count)
        if !context.isEmpty {
            for (slot, name) in program.slotNames.enumerated() { slots[slot] = context[name] ?? .null }
        }
        self.slots = slots
    }

    func error(_ kind: VTLRuntimeError.Kind, at position: VTLPosition? = nil) -> VTLRuntimeError {
        VTLRuntimeError(kind: kind, position: position ?? self.position)
    }

    mutating func spend(_ count: Int = 1) throws(VTLRuntimeError) {
        steps += count
        if steps > limits.maxSteps { throw error(.stepLimitExceeded(limits.maxSteps)) }
    }

    // MARK: - Output

    mutating func write<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(VTLRuntimeError) {
        guard output.count + bytes.count <= limits.maxOutputBytes else { throw error(.outputLimitExceeded(limits.maxOutputBytes)) }
        output.append(contentsOf: bytes)
    }

    /// Writes a value as Velocity renders it (`toString()`; a `#define` block is rendered).
    mutating func write(_ value: VTLValue) throws(VTLRuntimeError) {
        switch value {
        case .string(let text): try write(text.utf8)
        case .host(let object as VTLDefinedBlock): _ = try renderBlock(object.block)
        default:
            var text = ""
            try VTLRendering.append(value, to: &text, depth: 0, limits: limits, position: position)
            try write(text.utf8)
        }
    }

    /// Renders `nodes` into a string (interpolated string literals, `#define` values).
    mutating func renderToString(_ nodes: [VTLNode]) throws(VTLRuntimeError) -> String {
        var saved: [UInt8] = []
        swap(&saved, &output)
        defer { swap(&saved, &output) }
        _ = try render(nodes)
        return String(decoding: output, as: UTF8.self)
    }

    mutating func renderBlock(_ block: Int) throws(VTLRuntimeError) -> Flow {
        macroDepth += 1
        defer { macroDepth -= 1 }
        guard macroDepth <= limits.maxMacroDepth else { throw error(.macroDepthExceeded(limits.maxMacroDepth)) }
        let flow = try render(program.blocks[block])
        return flow == .stop ? .stop : .normal
    }

    // MARK: - Nodes

    mutating func render(_ nodes: [VTLNode]) throws(VTLRuntimeError) -> Flow {
        renderDepth += 1
        defer { renderDepth -= 1 }
        guard renderDepth <= limits.maxRenderDepth else { throw error(.nestingTooDeep(limits.maxRenderDepth)) }
        for node in nodes {
            try spend()
            switch node {
            case .text(let bytes):
                try write(bytes)
            case .reference(let reference):
                let value = try evaluate(reference)
                if value.isNull {
                    if !reference.quiet { try write(reference.source) }
                } else {
                    try write(value)
                }
            case .escapedReference(let reference, let backslashes):
                let value = try evaluate(reference)
                if value.isNull {
                    try write(repeatElement(UInt8(ascii: "\\"), count: backslashes))
                    if backslashes % 2 == 1 || !reference.quiet { try write(reference.source) }
                } else {
                    try write(repeatElement(UInt8(ascii: "\\"), count: backslashes / 2))
                    if backslashes % 2 == 1 { try write(reference.source) } else { try write(value) }
                }
            case .set(let target, let valueExpression, let position):
                self.position = position
                let value = try evaluate(valueExpression)
                if !value.isNull { try assign(value, to: target) }
            case .conditional(let branches, let otherwise):
                var chosen = otherwise
                for branch in branches where try evaluate(branch.condition).isTruthy {
                    chosen = branch.body
                    break
                }
                let flow = try render(chosen)
                if flow != .normal { return flow }
            case .foreach(let variable, let iterable, let body, let position):
                self.position = position
                let flow = try runForeach(variable: variable, iterable: iterable, body: body, position: position)
                if flow == .stop { return .stop }
            case .breakScope:
                return .breakScope
            case .stop:
                return .stop
            case .define(let variable, let block):
                slots[variable] = .host(VTLDefinedBlock(block: block))
            case .macroCall(let name, let arguments, let source, let position):
                self.position = position
                guard let macro = program.macros[name] else {
                    try write(source)
                    continue
                }
                if try callMacro(macro, arguments, position: position) == .stop { return .stop }
            }
        }
        return .normal
    }

    mutating func runForeach(variable: Int, iterable: VTLExpression, body: [VTLNode], position: VTLPosition) throws(VTLRuntimeError) -> Flow {
        let items: [VTLValue]
        switch try evaluate(iterable) {
        case .list(let list): items = list.items
        case .map(let map): items = map.values
        case .host(let object): items = object.elements ?? []
        default: items = []
        }
        guard items.count <= limits.maxForeachIterations else {
            throw error(.loopLimitExceeded(limits.maxForeachIterations), at: position)
        }
        let saved = (slots[variable], slots[program.foreachSlot], slots[program.velocityCountSlot], slots[program.velocityHasNextSlot])
        defer {
            slots[variable] = saved.0
            slots[program.foreachSlot] = saved.1
            slots[program.velocityCountSlot] = saved.2
            slots[program.velocityHasNextSlot] = saved.3
        }
        var parent: VTLForeachScope? = nil
        if case .host(let outer as VTLForeachScope) = saved.1 { parent = outer }
        let scope = VTLForeachScope(count: items.count, parent: parent)
        for (index, item) in items.enumerated() {
            try spend()
            scope.index = index
            slots[variable] = item
            slots[program.foreachSlot] = .host(scope)
            slots[program.velocityCountSlot] = .int(Int64(index + 1))
            slots[program.velocityHasNextSlot] = .bool(index + 1 < items.count)
            let flow = try render(body)
            if flow == .breakScope { break }
            if flow == .stop { return .stop }
        }
        return .normal
    }

    mutating func callMacro(_ macro: VTLMacro, _ arguments: [VTLExpression], position: VTLPosition) throws(VTLRuntimeError) -> Flow {
        macroDepth += 1
        defer { macroDepth -= 1 }
        guard macroDepth <= limits.maxMacroDepth else { throw error(.macroDepthExceeded(limits.maxMacroDepth), at: position) }
        var values: [VTLValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try evaluate(argument)) }
        let saved = macro.parameters.map { slots[$0] }
        defer { for (slot, value) in zip(macro.parameters, saved) { slots[slot] = value } }
        for (index, slot) in macro.parameters.enumerated() { slots[slot] = index < values.count ? values[index] : .null }
        let flow = try render(macro.body)
        return flow == .stop ? .stop : .normal
    }

    // MARK: - Assignment

    /// `#set` into a variable, a map entry (`$m.k`, `$m["k"]`), a list element (`$l[0]`) or a
    /// host object's settable property (`$context.responseOverride.status`).
    mutating func assign(_ value: VTLValue, to target: VTLReference) throws(VTLRuntimeError) {
        guard let last = target.steps.last else {
            slots[target.slot] = value
            return
        }
        let container = try evaluate(target, steps: target.steps.dropLast())
        switch (container, last) {
        case (.map(let map), .property(let name, _)):
            map.put(.string(name), value)
            noteStored(value, into: container)
        case (.host(let object), .property(let name, _)):
            _ = object.setProperty(name, value)
        case (.map(let map), .index(let keyExpression, _)):
            map.put(try evaluate(keyExpression), value)
            noteStored(value, into: container)
        case (.list(let list), .index(let indexExpression, let position)):
            guard case .int(let raw) = try evaluate(indexExpression) else { return }
            let index = raw < 0 ? Int64(list.count) + raw : raw
            guard index >= 0, index < Int64(list.count) else {
                throw error(.methodFailed("IndexOutOfBoundsException: Index \(raw) out of bounds for length \(list.count)"), at: position)
            }
            list.items[Int(index)] = value
            noteStored(value, into: container)
        default:
            return
        }
    }

    /// Remembers `container` when a list or map went into it (the only way to make a cycle).
    mutating func noteStored(_ value: VTLValue, into container: VTLValue) {
        switch value {
        case .list, .map: mutatedContainers.append(container)
        default: break
        }
    }

    /// Empties every container that can reach itself, so the evaluation leaks no reference cycle.
    mutating func breakCycles() {
        guard !mutatedContainers.isEmpty else { return }
        for container in mutatedContainers where VTLRendering.reachesItself(container) {
            switch container {
            case .list(let list): list.items.removeAll()
            case .map(let map): map.removeAll()
            default: break
            }
        }
        mutatedContainers.removeAll()
    }
}

/// The value a `#define` binds: rendering it renders the block, at that time, with the
/// variables of that time.
final class VTLDefinedBlock: VTLHostObject {
    let block: Int

    init(block: Int) { self.block = block }

    func property(_ name: String) -> VTLValue? { nil }
    var rendered: String { "" }
}
