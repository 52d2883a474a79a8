import Glibc
import Shared

/// `JSONSchemaBench [--iterations N] [--rounds R] [--only LABEL-PREFIX]` (run by bench/jsonschema.sh): validates a
/// typical ~1 KB request body against a typical model (an order with a customer, an address and
/// line items: required fields, patterns, enums, numeric bounds, `multipleOf`, `uniqueItems`,
/// `additionalProperties: false`, a `$ref` to a second model) on one thread, and prints ns per
/// validation (median of the rounds) and, under the script's malloc-counting preload,
/// allocations per validation.
enum JSONSchemaBenchmark {
    static let order = #"""
    {"$schema": "http://json-schema.org/draft-04/schema#", "title": "Order", "type": "object",
     "required": ["orderId", "customer", "items", "status"], "additionalProperties": false,
     "properties": {
       "orderId": {"type": "string", "pattern": "^ord-[0-9a-f]{8}$"},
       "status": {"enum": ["PENDING", "PAID", "SHIPPED", "CANCELLED"]},
       "customer": {"$ref": "https://apigateway.amazonaws.com/restapis/bench01/models/Customer"},
       "items": {"type": "array", "minItems": 1, "maxItems": 50, "items": {
         "type": "object", "required": ["sku", "quantity", "unitPrice"], "additionalProperties": false,
         "properties": {
           "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4,6}$"},
           "name": {"type": "string", "minLength": 1, "maxLength": 120},
           "quantity": {"type": "integer", "minimum": 1, "maximum": 1000},
           "unitPrice": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "multipleOf": 0.01},
           "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}}},
       "couponCode": {"type": ["string", "null"], "maxLength": 20},
       "notes": {"type": "string", "maxLength": 500},
       "giftWrap": {"type": "boolean"}}}
    """#

    static let customer = #"""
    {"type": "object", "required": ["id", "email", "address"],
     "properties": {
       "id": {"type": "string", "minLength": 6},
       "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$"},
       "phone": {"type": "string", "pattern": "^\\+?[0-9 ()-]{7,20}$"},
       "address": {"type": "object", "required": ["line1", "city", "country"],
         "properties": {"line1": {"type": "string"}, "line2": {"type": "string"}, "city": {"type": "string"},
           "postcode": {"type": "string", "maxLength": 10}, "country": {"type": "string", "pattern": "^[A-Z]{2}$"}}}}}
    """#

    static let body = #"""
    {"orderId": "ord-1f3a9c2e", "status": "PAID",
     "customer": {"id": "cust-000123", "email": "jane.doe@example.com", "phone": "+44 20 7946 0958",
       "address": {"line1": "221B Baker Street", "line2": "Flat 2", "city": "London", "postcode": "NW1 6XE", "country": "GB"}},
     "items": [
       {"sku": "BOK-10293", "name": "The Art of Computer Programming, Vol. 1", "quantity": 1, "unitPrice": 74.99, "tags": ["books", "cs"]},
       {"sku": "PEN-2044", "name": "Fountain pen, medium nib", "quantity": 2, "unitPrice": 18.5, "tags": ["stationery"]},
       {"sku": "INK-300100", "name": "Ink cartridges (pack of 6)", "quantity": 3, "unitPrice": 4.25, "tags": ["stationery", "refill"]},
       {"sku": "NTB-5512", "name": "Dotted notebook A5", "quantity": 4, "unitPrice": 9.99, "tags": []},
       {"sku": "BAG-77120", "name": "Canvas tote bag", "quantity": 1, "unitPrice": 12.0, "tags": ["gift"]}],
     "couponCode": null, "notes": "Please leave the parcel with the concierge if nobody answers the door.", "giftWrap": false}
    """#

    static func main() -> Int32 {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return fallback }
            return n
        }
        let iterations = option("--iterations", 200_000)
        let rounds = option("--rounds", 5)
        do {
            let resolver = JSONSchemaDocuments(restApiId: "bench01", models: ["Customer": try JSONParser.parse(Array(customer.utf8))])
            let model = try JSONParser.parse(Array(order.utf8))
            let bytes = Array(body.utf8)
            let instance = try JSONParser.parse(bytes)
            let invalid = try JSONParser.parse(Array(body.replacing("\"quantity\": 3", with: "\"quantity\": 0")
                .replacing("\"country\": \"GB\"", with: "\"country\": \"gb\"").replacing("\"status\": \"PAID\"", with: "\"status\": \"LOST\"").utf8))
            let schema = try JSONSchema(compiling: model, baseURI: APIGatewayModelURL(restApiId: "bench01", modelName: "Order").uri, resolver: resolver)
            guard schema.isValid(instance), schema.validate(invalid).violations.count == 3 else {
                print("JSONSchemaBench: fixture is not as expected: \(schema.validate(instance).violations) / \(schema.validate(invalid).violations)")
                return 1
            }
            print("JSON Schema validation: \(bytes.count)-byte body, \(schema.nodeCount)-node model (Order + Customer), \(iterations) iterations × \(rounds) rounds, load \(loadAverage())")
            measure("compile the model (2 documents)", iterations: max(iterations / 100, 100), rounds: rounds) {
                (try? JSONSchema(compiling: model, resolver: resolver)) != nil
            }
            measure("isValid (valid body)", iterations: iterations, rounds: rounds) { schema.isValid(instance) }
            measure("validate (valid body)", iterations: iterations, rounds: rounds) { schema.validate(instance).isValid }
            measure("JSONParser.parse of the body", iterations: iterations, rounds: rounds) { (try? JSONParser.parse(bytes)) != nil }
            measure("parse + validate (valid body)", iterations: iterations, rounds: rounds) {
                guard let value = try? JSONParser.parse(bytes) else { return false }
                return schema.validate(value).isValid
            }
            measure("validate (invalid body, 3 violations)", iterations: iterations / 4, rounds: rounds) { !schema.validate(invalid).isValid }
            return 0
        } catch {
            print("JSONSchemaBench failed: \(error)")
            return 1
        }
    }

    /// Runs `work` `iterations` times per round; prints the median ns per call and, when the
    /// malloc-counting preload is present, allocations per call.
    static func measure(_ label: String, iterations: Int, rounds: Int, _ work: () -> Bool) {
        if let i = CommandLine.arguments.firstIndex(of: "--only"), i + 1 < CommandLine.arguments.count,
           !label.hasPrefix(CommandLine.arguments[i + 1]) { return }
        for _ in 0..<(iterations / 10) { _ = work() }
        var perCall: [Double] = []
        var allocations: Double? = nil
        for _ in 0..<rounds {
            let before = mallocCount()
            let start = Syscall.monotonicNanos()
            var ok = 0
            for _ in 0..<iterations where work() { ok += 1 }
            let nanos = Syscall.monotonicNanos() - start
            if let before, let after = mallocCount() { allocations = Double(after - before) / Double(iterations) }
            precondition(ok == iterations, "every call of \(label) succeeds")
            perCall.append(Double(nanos) / Double(iterations))
        }
        perCall.sort()
        let median = perCall[perCall.count / 2]
        let allocText = allocations.map { ", \(Double(Int($0 * 10)) / 10) allocations" } ?? ""
        let padded = label + String(repeating: " ", count: max(0, 40 - label.count))
        print("  \(padded) \(Int(median)) ns per call (min \(Int(perCall.first!)), max \(Int(perCall.last!)))\(allocText)")
    }

    /// The preload's counter (`bench/alloc-counter.c`), or nil when not preloaded.
    static func mallocCount() -> UInt64? {
        typealias Counter = @convention(c) () -> UInt64
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "tollgate_malloc_count") else { return nil }
        // Safe: the preload defines the symbol as `unsigned long long (void)`.
        return unsafeBitCast(symbol, to: Counter.self)()
    }

    static func loadAverage() -> String {
        guard let file = fopen("/proc/loadavg", "r") else { return "?" }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, file) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
    }
}

exit(JSONSchemaBenchmark.main())
