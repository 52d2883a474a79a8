/// The usage plan's terms for the API key `ApiKeyFilter` accepted, read by `LimitsFilter`.
extension InvocationSlot where Value == LimitsIndex.Grant {
    static var usagePlanGrant: InvocationSlot<LimitsIndex.Grant> { InvocationSlot(.usagePlanGrant) }
}

extension Invocation {
    /// The usage-plan grant `ApiKeyFilter` left in the invocation (nil for unkeyed requests).
    var usagePlanGrant: LimitsIndex.Grant? {
        get { slots[.usagePlanGrant] }
        set { slots[.usagePlanGrant] = newValue }
    }
}
