import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate top` in a real terminal (tmux, 80×24) against the shared cluster's three nodes while
/// requests flow: the frame shows every node with its revision and the stage being called.
@Suite(.timeLimit(.minutes(2))) struct TopEndToEndTests {
    /// Runs `tmux ARGUMENTS…` with its output in a file, waiting at most `timeout` for it to exit
    /// (then SIGKILL). posix_spawn and a WNOHANG poll rather than Foundation's `Process`:
    /// `new-session` forks the tmux server, and `Process.waitUntilExit` hung on it in CI-like runs,
    /// past the suite's time limit; a bounded poll cannot.
    static func tmux(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test's environment without TMUX (a tmux around the test run must not be the one used).
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in environment { free(pointer) } }
        // An empty signal mask and default dispositions for the child: the test process blocks
        // SIGTERM/SIGHUP on its threads (SignalHandler), and tmux and the `tollgate top` it runs
        // inherited that mask, so `kill-server`'s SIGHUP never ended them and they outlived the test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environment)
        guard spawned == 0 else { throw TmuxError("posix_spawnp tmux: \(spawned)") }
        var status: Int32 = 0
        let deadline = ContinuousClock.now + timeout
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw TmuxError("tmux \(arguments.joined(separator: " ")) did not exit within \(timeout)")
            }
            usleep(10_000)
        }
        // WIFEXITED / WEXITSTATUS by hand (the macros are not imported into Swift).
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    struct TmuxError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static var tmuxAvailable: Bool { (try? tmux(["-V"]).status) == 0 }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed (scripts/bootstrap installs it)"))
    func rendersEveryNodeAndTheBusyStageInAnEightyColumnTerminal() async throws {
        let cluster = try await SharedCluster.cluster()
        let api = try await SharedCluster.api()
        let ports = cluster.nodePorts
        let socket = "tollgate-top-\(UUID().uuidString.prefix(8))"
        let urls = ports.map { "http://127.0.0.1:\($0)" }.joined(separator: ",")
        let command = "\(TollgateBinary.path) top --nodes \(urls) --interval 1; sleep 60"
        #expect(try Self.tmux(["-L", socket, "new-session", "-d", "-x", "80", "-y", "24", command]).status == 0)
        defer { _ = try? Self.tmux(["-L", socket, "kill-server"]) }

        // Traffic while top watches, then read the pane until a frame shows the stage (bounded).
        var screen = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            for port in ports { _ = try? await cluster.invoke(port: port, apiId: api.id, "/\(api.stage)/mock") }
            screen = try Self.tmux(["-L", socket, "capture-pane", "-p"]).output
            if screen.contains("/\(api.stage) "), ports.allSatisfy({ screen.contains("127.0.0.1:\($0)") }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("tollgate top") == true, "\(screen)")
        #expect(lines.contains { $0.hasPrefix("NODE") && $0.contains("REQ/S") && $0.contains("P99") })
        for port in ports {
            let row = try #require(lines.first { $0.hasPrefix("127.0.0.1:\(port)") }, "\(screen)")
            let cells = row.split(separator: " ")
            #expect(cells.count == 9, "\(row)")
            #expect(Double(cells[1]) != nil, "requests/s of \(row)")  // a rate, not "-", from the second frame on
            #expect(Int(cells[6]).map { $0 > 0 } == true, "revision of \(row)")
        }
        #expect(lines.contains { $0.contains("/\(api.stage) ") }, "\(screen)")
        #expect(lines.allSatisfy { $0.count <= 80 })

        // The terminal goes away: top stops (it used to scrape the nodes forever after its tmux died).
        _ = try? Self.tmux(["-L", socket, "kill-server"])
        let pattern = "top --nodes \(urls)"
        var running = true
        let gone = ContinuousClock.now + .seconds(15)
        while running, ContinuousClock.now < gone {
            running = Self.processRunning(matching: pattern)
            if running { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!running, "tollgate top kept running after its terminal closed")
    }

    /// Whether a process whose command line contains `pattern` is alive (reads /proc; a zombie
    /// does not count).
    static func processRunning(matching pattern: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            let command = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            guard command.contains(pattern), !command.hasPrefix("bash ") else { continue }
            let status = (try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)) ?? ""
            if !status.contains("State:\tZ") { return true }
        }
        return false
    }
}
