import Testing
@testable import Shared

@Suite struct UDPSocketTests {
    let loopback = SocketAddress(ipLiteral: "127.0.0.1", port: 0)!

    @Test func sendsAndReceivesDatagramsWithTheirSender() throws {
        let a = try UDPSocket(bindingTo: loopback), b = try UDPSocket(bindingTo: loopback)
        #expect(a.localAddress.port != 0)
        var buffer = [UInt8](repeating: 0, count: 2_048)
        #expect(try b.receive(into: &buffer) == nil)
        #expect(try a.send(Array("hello".utf8), to: b.localAddress))
        #expect(try b.waitReadable(timeout: .seconds(2)))
        let received = try #require(try b.receive(into: &buffer))
        #expect(Array(buffer[..<received.count]) == Array("hello".utf8))
        #expect(received.sender == a.localAddress)
    }

    @Test func waitingTimesOutWhenNothingArrives() throws {
        let socket = try UDPSocket(bindingTo: loopback)
        #expect(try socket.waitReadable(timeout: .milliseconds(10)) == false)
    }

    @Test func aClosedSocketRefusesToSend() throws {
        let socket = try UDPSocket(bindingTo: loopback)
        socket.close()
        socket.close()
        #expect(throws: SyscallError.self) { try socket.send([1], to: loopback.withPort(9)) }
    }
}
