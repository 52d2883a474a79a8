/// A value as a Velocity template sees it: the Java objects API Gateway's engine works with,
/// reduced to the kinds a mapping template can meet.
///
/// `int` is a Java `long` (Velocity's `Integer`/`Long` are not told apart), `double` a Java `double`.
/// Lists and maps are reference types because Java's are: `#set($b = $a)` aliases, and
/// `$a.add(1)` is then visible through `$b`. Host objects (`$input`, `$util`, `$context`) are
/// provided by the caller through `VTLHostObject`. Values live for one evaluation on one thread,
/// so they are not `Sendable`; the compiled program holds only `VTLConstant`s.
package enum VTLValue {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list(VTLList)
    case map(VTLMap)
    case host(any VTLHostObject)

    /// Whether the value is Java `null` (an undefined reference is null too).
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Velocity 1.7's truth in `#if`, `&&`, `||` and `!`: only null and `false` are false (an
    /// empty string or list is true; Velocity 2.0 changed that, 1.7 did not).
    package var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        default: return true
        }
    }

    /// The string, when the value is one.
    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a list of strings: `["a", "b"]` from Swift code and tests.
    package static func strings(_ items: [String]) -> VTLValue {
        .list(VTLList(items.map(VTLValue.string)))
    }
}

/// A compile-time constant of a template (a literal), `Sendable` so the program can be shared by
/// every event loop.
package enum VTLConstant: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    var value: VTLValue {
        switch self {
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .string(let value): return .string(value)
        }
    }
}

extension VTLValue {
    /// The value as a template would render it (Java's `toString()`): what callers read out of
    /// maps a template filled (`$context.requestOverride.header.X`).
    package var renderedText: String { VTLRendering.string(self) }
}
