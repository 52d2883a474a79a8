import Testing
@testable import Shared

/// `$input` over a request: body, `json`/`path` with the JSONPath subset over nested JSON, and
/// `params` with the path ▸ query string ▸ header search order AWS documents.
@Suite struct VTLInputTests {
    static let body = ##"{"name": "Ann", "age": 31, "score": 9.5, "tags": ["a", "b"], "address": {"city": "Oslo", "zip": "0150"}, "orders": [{"id": 1, "items": [{"sku": "x"}]}, {"id": 2, "items": [{"sku": "y"}, {"sku": "z"}]}]}"##

    static let cases: [VTLCase] = [
        VTLCase("$input.json('$')", ##"{"name":"Ann","age":31,"score":9.5,"tags":["a","b"],"address":{"city":"Oslo","zip":"0150"},"orders":[{"id":1,"items":[{"sku":"x"}]},{"id":2,"items":[{"sku":"y"},{"sku":"z"}]}]}"##),
        VTLCase("$input.json('$.name') $input.json('$.age') $input.json('$.tags') $input.json('$.address')",
                ##""Ann" 31 ["a","b"] {"city":"Oslo","zip":"0150"}"##),
        VTLCase("$input.path('$.name') $input.path('$.age') $input.path('$.score') $input.path('$.tags').size()", "Ann 31 9.5 2"),
        VTLCase("$input.path('$.address.city') $input.path(\"$['address']['zip']\") $input.path('$.tags[1]') $input.path('$.tags[-1]')",
                "Oslo 0150 b b"),
        VTLCase("$input.path('$.orders[1].items[0].sku') $input.json('$.orders[*].id') $input.json('$..sku')",
                ##"y [1,2] ["x","y","z"]"##),
        VTLCase("$input.json('$.orders[0,1].id') $input.json('$.address.*') $input.json(\"$['name','age']\")",
                ##"[1,2] ["Oslo","0150"] ["Ann",31]"##),
        VTLCase("#foreach($o in $input.path('$.orders'))$o.id:#foreach($i in $o.items)$i.sku#end;#end", "1:x;2:yz;"),
        VTLCase("#set($root = $input.path('$'))$root.address.city $root.orders.get(0).id $root.keySet()",
                "Oslo 1 [name, age, score, tags, address, orders]"),
        VTLCase("[$input.json('$.missing')] [$!input.path('$.missing')] $input.json('$.missing[*]')", "[] [] []"),
        VTLCase("name.json", "name.json"),
        VTLCase("$input.path('name') $input.path('address.city')", "Ann Oslo"),
    ]

    @Test(arguments: cases) func readsTheBodyWithJSONPath(row: VTLCase) throws {
        #expect(try VTL.render(row.template, VTL.context(body: Self.body)) == row.expected)
    }

    @Test func emptyBodyReadsAsAnEmptyObjectAndBodyIsRaw() throws {
        #expect(try VTL.render("$input.json('$')|$input.body|", VTL.context()) == "{}||")
        #expect(try VTL.render("$input.body", VTL.context(body: "not json")) == "not json")
    }

    @Test func aBodyThatIsNotJSONFailsWhenAPathReadsIt() throws {
        let error = try VTL.runtimeError("$input.json('$')", VTL.context(body: "{oops"))
        guard case .methodFailed? = error?.kind else { Issue.record("no failure"); return }
    }

    @Test func unsupportedPathsAreRuntimeErrors() throws {
        let error = try VTL.runtimeError("$input.path('$.orders[?(@.id > 1)]')", VTL.context(body: Self.body))
        guard case .methodFailed? = error?.kind else { Issue.record("no failure"); return }
    }

    static let request = VTLRequest(
        path: [("id", "from-path")],
        querystring: [("id", "from-query"), ("q", "search"), ("page", "2")],
        header: [("Id", "from-header"), ("X-Trace", "t-1"), ("Accept", "*/*")])

    @Test func paramsSearchesPathThenQueryStringThenHeaders() throws {
        let context = VTL.context(request: Self.request)
        #expect(try VTL.render("$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')]", context)
                == "from-path search t-1 []")
    }

    @Test func paramsWithoutANameMapsEachLocation() throws {
        let context = VTL.context(request: Self.request)
        let template = """
        #set($all = $input.params())
        #foreach($type in $all.keySet())$type:#foreach($name in $all.get($type).keySet())$name=$all.get($type).get($name)#if($foreach.hasNext),#end#end
        #end
        $input.params().header.get('X-Trace') $input.params().querystring.page
        """
        // The `#end` ending each line takes its newline with it (Velocity 1.7's gobbling).
        #expect(try VTL.render(template, context)
                == "path:id=from-pathquerystring:id=from-query,q=search,page=2header:Id=from-header,X-Trace=t-1,Accept=*/*t-1 2")
    }
}
