import Testing
@testable import Shared

@Suite struct ThrottleChainTests {
    private let account = ThrottleLimit.accountDefault

    @Test func everyLevelAppearsMostSpecificFirst() {
        let chain = ThrottleChain.build(apiId: "a", stage: "s", resourcePath: "/pets", method: "GET",
                                        methodLimit: ThrottleLimit(rate: 5, burst: 5), stageLimit: ThrottleLimit(rate: 50, burst: 50),
                                        account: account,
                                        plan: .init(planId: "p", keyId: "k", planLimit: ThrottleLimit(rate: 9, burst: 9),
                                                    methodLimit: ThrottleLimit(rate: 1, burst: 1)))
        #expect(chain.map(\.key) == [.usagePlanKeyMethod(planId: "p", keyId: "k", apiId: "a", stage: "s", resourcePath: "/pets", method: "GET"),
                                     .method(apiId: "a", stage: "s", resourcePath: "/pets", method: "GET"),
                                     .account])
    }

    @Test func defaultsApplyWhenNoOverrideIsSet() {
        let chain = ThrottleChain.build(apiId: "a", stage: "s", resourcePath: "/", method: "POST", methodLimit: nil,
                                        stageLimit: ThrottleLimit(rate: 0, burst: 0), account: account,
                                        plan: .init(planId: "p", keyId: "k", planLimit: ThrottleLimit(rate: 9, burst: 9), methodLimit: nil))
        #expect(chain.map(\.key) == [.usagePlanKey(planId: "p", keyId: "k"), .stage(apiId: "a", stage: "s"), .account])
        #expect(chain[1].limit.rejectsEverything)
    }

    @Test func anUnsetStageAndNoPlanLeaveOnlyTheAccount() {
        let chain = ThrottleChain.build(apiId: "a", stage: "s", resourcePath: "/", method: "GET", methodLimit: nil,
                                        stageLimit: nil, account: account, plan: nil)
        #expect(chain == [ThrottleCheck(key: .account, limit: account)])
    }
}
