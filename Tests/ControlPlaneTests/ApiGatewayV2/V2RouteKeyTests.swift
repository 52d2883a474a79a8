import Testing
@testable import ControlPlane

@Suite struct V2RouteKeyTests {
    @Test(arguments: ["$default", "GET /", "ANY /{proxy+}", "GET /pets/{id}", "POST /pets", "DELETE /pets/{id}/toys/{toyId}",
                      "PUT /a.b-c_d~e", "OPTIONS /x/{p.name}", "HEAD /files/{path+}", "PATCH /v1/items/{item-id}"])
    func acceptsHTTPRouteKeys(_ key: String) throws {
        #expect(try V2RouteKey.validate(key, protocolType: "HTTP") == key)
    }

    @Test(arguments: ["", "GET", "GET pets", "get /pets", "FETCH /pets", "GET  /pets", "GET /pets/", "GET //pets",
                      "GET /{proxy+}/more", "GET /pets{id}", "GET /{id}/{id}", "GET /{}", "GET /{+}", "GET /pe ts",
                      "GET /pets?x=1", "$connect", "$other", "ANY /{a/b}"])
    func refusesInvalidHTTPRouteKeys(_ key: String) {
        #expect(throws: AdminError.badRequest("Invalid route key specified: \(key)")) {
            try V2RouteKey.validate(key, protocolType: "HTTP")
        }
    }

    @Test func webSocketKeysAreTheReservedOnesOrAnyCustomKey() throws {
        for key in ["$connect", "$disconnect", "$default", "sendMessage", "GET /"] {
            #expect(try V2RouteKey.validate(key, protocolType: "WEBSOCKET") == key)
        }
        #expect(throws: AdminError.self) { try V2RouteKey.validate("$other", protocolType: "WEBSOCKET") }
        #expect(throws: AdminError.self) { try V2RouteKey.validate("", protocolType: "WEBSOCKET") }
    }
}
