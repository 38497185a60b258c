import Foundation

/// Timing helpers: every figure is the median of several runs after a warm-up, in milliseconds.
enum Bench {
    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    static func median(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Double {
        try spread(runs: runs, warmup: warmup, body).median
    }

    /// The median and the fastest of `runs` timed runs: on a shared machine the fastest shows what
    /// the code costs, the median what a user waits.
    static func spread(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> (median: Double, fastest: Double) {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<runs { times.append(try milliseconds(body)) }
        times.sort()
        return (times[times.count / 2], times[0])
    }

    static func report(_ name: String, _ value: String, target: String? = nil, ok: Bool? = nil) {
        var line = name.padding(toLength: 52, withPad: " ", startingAt: 0) + value
        if let target { line += "   (target \(target)" + (ok.map { $0 ? ": met)" : ": NOT met)" } ?? ")") }
        print(line)
        fflush(nil)
    }

    static func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

    /// Runs a command, its stdout to /dev/null, and returns (milliseconds, peak RSS in KiB, exit status).
    static func spawn(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> (ms: Double, maxRSSKiB: Int, status: Int32) {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp) == 0 else { return (0, 0, -1) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        return (ms, usage.ru_maxrss, (status >> 8) & 0xff)
    }
}
