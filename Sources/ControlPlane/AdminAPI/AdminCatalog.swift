/// The services the admin API speaks: one route table over all their operations and their
/// handlers keyed by (service, operation).
///
/// Built once, immutable afterwards. Adding a service (apigatewayv2, an IAM subset) is adding its
/// generated operation table and its handler groups as one more `AdminCatalog.Service` in
/// `standard`; the router and the dispatch in `AdminAPI.handle` do not change, and names the
/// services share (`CreateStage`) never collide because the key carries the service.
struct AdminCatalog: Sendable {
    /// One service: every modelled operation (routed; those without a handler answer 501) and the
    /// handler groups of its topic files, by operation name within the service.
    struct Service: Sendable {
        let service: AdminService
        let operations: [AdminOperation]
        let handlers: [[String: AdminAPI.Handler]]
    }

    let router: AdminRouter
    private let handlers: [AdminOperation.Key: AdminAPI.Handler]
    /// Keys named by more than one handler group (the later group wins, as `merging` did); a test
    /// keeps it empty.
    let duplicateKeys: [AdminOperation.Key]

    init(_ services: [Service]) {
        router = AdminRouter(operations: services.flatMap(\.operations))
        var handlers: [AdminOperation.Key: AdminAPI.Handler] = [:]
        var duplicates: [AdminOperation.Key] = []
        for service in services {
            for group in service.handlers {
                for (name, handler) in group {
                    let key = AdminOperation.Key(service: service.service, name: name)
                    if handlers.updateValue(handler, forKey: key) != nil { duplicates.append(key) }
                }
            }
        }
        self.handlers = handlers
        duplicateKeys = duplicates
    }

    /// The handler of `operation`, or nil (501 `NotImplementedException`).
    func handler(for operation: AdminOperation) -> AdminAPI.Handler? {
        handlers[operation.key]
    }

    /// The keys that have a handler.
    var handledKeys: Set<AdminOperation.Key> { Set(handlers.keys) }

    /// What the control plane serves.
    static let standard = AdminCatalog([.apigateway, .apigatewayv2])
}

extension AdminCatalog.Service {
    /// Amazon API Gateway's REST API admin operations and Tollgate's handlers for them.
    static let apigateway = AdminCatalog.Service(
        service: .apigateway, operations: AdminOperation.apigateway,
        handlers: [AdminAPI.restApiHandlers, AdminAPI.resourceHandlers, AdminAPI.methodHandlers, AdminAPI.integrationHandlers,
                   AdminAPI.deploymentHandlers, AdminAPI.stageHandlers, AdminAPI.apiKeyHandlers, AdminAPI.usagePlanHandlers,
                   AdminAPI.accountHandlers, AdminAPI.authorizerHandlers, AdminAPI.modelHandlers,
                   AdminAPI.requestValidatorHandlers, AdminAPI.gatewayResponseHandlers,
                   AdminAPI.domainNameHandlers, AdminAPI.basePathMappingHandlers, AdminAPI.domainAccessAssociationHandlers,
                   AdminAPI.vpcLinkHandlers, AdminAPI.clientCertificateHandlers, AdminAPI.tagHandlers,
                   AdminAPI.documentationHandlers, AdminAPI.importApiKeyHandlers, AdminAPI.openAPIHandlers,
                   AdminAPI.testInvokeHandlers])
}

extension AdminCatalog.Service {
    /// Amazon API Gateway's HTTP and WebSocket API (apigatewayv2) admin operations and Tollgate's
    /// handlers for them (admin only: no node snapshot carries a v2 API yet).
    static let apigatewayv2 = AdminCatalog.Service(
        service: .apigatewayv2, operations: AdminOperation.apigatewayv2,
        handlers: [AdminAPI.v2ApiHandlers, AdminAPI.v2RouteHandlers, AdminAPI.v2IntegrationHandlers, AdminAPI.v2StageHandlers,
                   AdminAPI.v2DeploymentHandlers, AdminAPI.v2AuthorizerHandlers, AdminAPI.v2ModelHandlers, AdminAPI.v2TagHandlers,
                   AdminAPI.v2ImportHandlers])
}
