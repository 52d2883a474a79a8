import Testing
@testable import ControlPlane

@Suite struct ApiKeyCSVTests {
    typealias Row = ApiKeyCSV.Row

    @Test(arguments: [
        ("Key,name\napikey1234abcdefghij0123456789,MyFirstApiKey\n",
         [Row(line: 2, name: "MyFirstApiKey", key: "apikey1234abcdefghij0123456789", description: "", enabled: true, usagePlanIds: [])]),
        ("Name,key,description,Enabled,usageplanIds\r\nK,v,An imported key,TRUE,c7y23b\r\n",
         [Row(line: 2, name: "K", key: "v", description: "An imported key", enabled: true, usagePlanIds: ["c7y23b"])]),
        ("Enabled,Name,key,UsageplanIds\nfalse,N,k,\"c7y23b,glvrsr\"\n\n",
         [Row(line: 2, name: "N", key: "k", description: "", enabled: false, usagePlanIds: ["c7y23b", "glvrsr"])]),
        ("name,key,other\n'a,b',\"say \"\"hi\"\"\",x\n",
         [Row(line: 2, name: "a,b", key: "say \"hi\"", description: "", enabled: true, usagePlanIds: [])]),
        ("name,key,enabled\na,b,maybe", [Row(line: 2, name: "a", key: "b", description: "", enabled: nil, usagePlanIds: [])]),
    ])
    func parsesTheDocumentedFormat(text: String, rows: [Row]) throws {
        #expect(try ApiKeyCSV.parse(text).rows == rows)
    }

    @Test func headerNeedsNameAndKeyAndQuotesMustClose() {
        #expect(throws: ApiKeyCSV.Failure.missingColumn("Name")) { try ApiKeyCSV.parse("key\nabc\n") }
        #expect(throws: ApiKeyCSV.Failure.missingColumn("Key")) { try ApiKeyCSV.parse("name,value\nabc,d\n") }
        #expect(throws: ApiKeyCSV.Failure.unterminatedQuote(line: 2)) { try ApiKeyCSV.parse("name,key\n\"a,b\n") }
        #expect(throws: ApiKeyCSV.Failure.empty) { try ApiKeyCSV.parse("") }
    }
}
