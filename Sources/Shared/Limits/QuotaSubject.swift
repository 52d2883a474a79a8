/// A usage plan and API key pair (what GetUsage and UpdateUsage address).
package struct QuotaSubject: Hashable, Sendable {
    package let planId: String
    package let keyId: String

    package init(planId: String, keyId: String) {
        self.planId = planId
        self.keyId = keyId
    }
}
