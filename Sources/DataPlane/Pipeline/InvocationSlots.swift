/// The names of the per-request facts one filter leaves for later ones. The chain knows only
/// these names; each feature gives its slot a type (`InvocationSlot`) in its own folder, so
/// `Pipeline` and `Chain` name no feature's type.
package enum InvocationSlotName: Int, Sendable, CaseIterable {
    /// The authorizer's principal and context (`$context.authorizer.*`).
    case authorizer
    /// The usage plan's terms for the accepted API key (`ApiKeyFilter` → `LimitsFilter`).
    case usagePlanGrant
    /// The body a validator parsed against its model (templates reuse it).
    case validatedBody
    /// The stage cache's key for this request.
    case cacheKey
    /// What undoing the body's `Content-Encoding` did (`RequestDecompressionFilter`).
    case decodedBody
    /// The level of the throttle that refused the request (`LimitsFilter` → metrics).
    case throttleRefusal
}

/// A typed key into `InvocationSlots`: a slot name and the class its value is. Values are
/// references (a filter boxes a value type in a final class) so a slot is one word and copying an
/// `Invocation` is one retain per filled slot.
package struct InvocationSlot<Value: AnyObject & Sendable>: Sendable {
    package let name: InvocationSlotName
    package init(_ name: InvocationSlotName) { self.name = name }
}

/// Storage for the `InvocationSlotName`s: one optional reference each, no dictionary, nothing
/// allocated per request. Written by a filter's request hook on the request's loop; read by later
/// filters, the integration and the response and completion hooks.
package struct InvocationSlots: Sendable {
    private var authorizer: (any AnyObject & Sendable)?
    private var usagePlanGrant: (any AnyObject & Sendable)?
    private var validatedBody: (any AnyObject & Sendable)?
    private var cacheKey: (any AnyObject & Sendable)?
    private var decodedBody: (any AnyObject & Sendable)?
    private var throttleRefusal: (any AnyObject & Sendable)?

    package init() {}

    package subscript<Value>(_ slot: InvocationSlot<Value>) -> Value? {
        get {
            switch slot.name {
            case .authorizer: return authorizer as? Value
            case .usagePlanGrant: return usagePlanGrant as? Value
            case .validatedBody: return validatedBody as? Value
            case .cacheKey: return cacheKey as? Value
            case .decodedBody: return decodedBody as? Value
            case .throttleRefusal: return throttleRefusal as? Value
            }
        }
        set {
            switch slot.name {
            case .authorizer: authorizer = newValue
            case .usagePlanGrant: usagePlanGrant = newValue
            case .validatedBody: validatedBody = newValue
            case .cacheKey: cacheKey = newValue
            case .decodedBody: decodedBody = newValue
            case .throttleRefusal: throttleRefusal = newValue
            }
        }
    }
}
