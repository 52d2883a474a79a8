// `VTLBench [--evaluations N] [--rounds R]`: run by bench/vtl.sh (release build).
//
// Evaluates one compiled 20-line mapping template over a 2 KiB JSON body, the way a request
// would (a fresh `$input`/`$util` per evaluation, output into a reused buffer), and prints the
// nanoseconds per evaluation of each round and their median. One thread, no sockets.
import Shared

let template = """
#set($root = $input.path('$'))
{
  "id": "$util.escapeJavaScript($root.order.id)",
  "customer": $input.json('$.order.customer'),
  "city": "$root.order.customer.address.city.toUpperCase()",
  "itemCount": $root.order.items.size(),
  #set($total = 0)
  "items": [
  #foreach($item in $root.order.items)
    {"sku": "$item.sku", "qty": $item.qty, "line": #set($line = $item.qty * $item.price)$line}#if($foreach.hasNext),#end
    #set($total = $total + $line)
  #end
  ],
  "total": $total,
  "tags": "#foreach($t in $root.order.tags)$t#if($foreach.hasNext);#end#end",
  #if($root.order.priority == "high")"rush": true,#else"rush": false,#end
  "note": "$util.escapeJavaScript($root.order.note).replaceAll("\\\\'", "'")",
  "query": "$input.params('q')",
  "trace": "$input.params('x-trace')"
}
"""

func body() -> [UInt8] {
    var items: [String] = []
    for i in 0..<24 {
        items.append(#"{"sku": "SKU-\#(1000 + i)", "qty": \#(i % 4 + 1), "price": \#(Double(i) + 0.5), "name": "Item number \#(i)"}"#)
    }
    let text = #"{"order": {"id": "o-12345-abcdef", "priority": "high", "note": "Leave it at the door, it's fine", "#
        + #""customer": {"name": "Ann Example", "email": "ann@example.com", "address": {"street": "1 Main St", "city": "Oslo", "zip": "0150"}}, "#
        + #""tags": ["gift", "fragile", "express"], "items": [\#(items.joined(separator: ", "))]}}"#
    return Array(text.utf8)
}

var evaluations = 20_000
var rounds = 5
var arguments = Array(CommandLine.arguments.dropFirst())
while let flag = arguments.first {
    arguments.removeFirst()
    guard let value = arguments.first.flatMap(Int.init) else { break }
    arguments.removeFirst()
    if flag == "--evaluations" { evaluations = value } else if flag == "--rounds" { rounds = value }
}

let program = try VTLProgram.compile(template)
let payload = body()
let request = VTLRequest(body: payload, querystring: [("q", "shoes")], header: [("X-Trace", "t-1")])
let util = VTLUtil()
var output: [UInt8] = []
output.reserveCapacity(4096)
try program.evaluate(["input": .host(VTLInput(request)), "util": .host(util)], into: &output)
print("template: \(template.split(separator: "\n").count) lines, body: \(payload.count) bytes, output: \(output.count) bytes")

var figures: [Double] = []
let clock = ContinuousClock()
for round in 1...rounds {
    let start = clock.now
    for _ in 0..<evaluations {
        output.removeAll(keepingCapacity: true)
        try program.evaluate(["input": .host(VTLInput(request)), "util": .host(util)], into: &output)
    }
    let elapsed = clock.now - start
    let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    let perEvaluation = nanoseconds / Double(evaluations)
    figures.append(perEvaluation)
    print("round \(round): \(Int(perEvaluation)) ns per evaluation")
}
figures.sort()
print("median: \(Int(figures[figures.count / 2])) ns per evaluation over \(rounds) rounds of \(evaluations)")
