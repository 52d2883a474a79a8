import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A function's process: `/bin/sh -c COMMAND` (in `workingDirectory`) started with `posix_spawn` in its own process group,
/// with a clean signal mask (the tollgate process blocks SIGTERM/SIGINT for its signal thread, and
/// a mask survives exec), default signal dispositions, stdin from `/dev/null` and stdout sent to
/// the runner's stderr (function logs, as Lambda sends both streams to the log).
///
/// The only file of the runner with C pointers.
struct ChildProcess: Sendable {
    let pid: pid_t

    struct SpawnError: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(errno)))" }
    }

    /// Starts `command`; `onExit` runs once, on a dispatch thread, with how it ended
    /// (`exit status N` or `signal: N`), after the whole process group has been killed.
    static func spawn(command: String, environment: [String: String], workingDirectory: String,
                      onExit: @escaping @Sendable (String) -> Void) throws(SpawnError) -> ChildProcess {
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        // posix_spawn_file_actions_addchdir_np is not visible from Swift here: the outer shell
        // changes directory (the path is its $0, never parsed as shell text) and execs the command.
        let arguments = ["/bin/sh", "-c", #"cd -- "$0" && exec /bin/sh -c "$1""#, workingDirectory, command]
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // Safe: strdup'd copies live until the defer below frees them, after posix_spawn returned
        // (which copies argv and envp into the child before it returns).
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(errno: result) }
        let child = ChildProcess(pid: pid)
        let spawned = pid
        DispatchQueue.global().async {
            let pid = spawned
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // Anything the command left behind in its group goes with it.
            _ = Glibc.kill(-pid, SIGKILL)
            let low = status & 0x7F
            onExit(low == 0 ? "exit status \((status >> 8) & 0xFF)" : "signal: \(low)")
        }
        return child
    }

    /// SIGKILL to the whole process group (the shell and whatever it started), as Lambda does at a timeout.
    func kill() {
        _ = Glibc.kill(-pid, SIGKILL)
    }
}
