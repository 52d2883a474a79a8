import Shared

/// A request body that passed its model, parsed once by `RequestValidationFilter`, for the
/// phases after it (mapping templates can read it instead of parsing the body again).
package final class ValidatedBody: Sendable {
    package let value: JSONValue
    /// The model it matched.
    package let modelName: String

    package init(value: JSONValue, modelName: String) {
        self.value = value
        self.modelName = modelName
    }
}

extension InvocationSlot where Value == ValidatedBody {
    /// Filled by `RequestValidationFilter` for a body it checked.
    package static var validatedBody: InvocationSlot<ValidatedBody> { InvocationSlot(.validatedBody) }
}

extension Invocation {
    /// The body `RequestValidationFilter` checked against its model (nil when none was checked).
    package var validatedBody: ValidatedBody? { slots[.validatedBody] }
}
