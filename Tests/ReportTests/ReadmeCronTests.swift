import Foundation
import Testing
import TestSupport

/// The README's cron line with `--alert`, run as cron would run it: `/bin/sh -c` on the line after
/// its schedule, with `spyglass` and a strict `sendmail` (one that refuses empty input, as Postfix's
/// does) first on PATH, and the paths moved into a temporary directory.
@Suite("README cron example", .serialized)
struct ReadmeCronTests {
    static let root = SpyglassProcess.repositoryRoot

    /// The README's line that carries `--alert`, without its five schedule fields.
    static func cronCommand() throws -> String {
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.contains("--alert '") && $0.hasPrefix("30 7 ") })
        return line.split(separator: " ", maxSplits: 5).last.map(String.init)!
    }

    /// Runs the line with `threshold` in place of the README's, returns the messages sendmail got.
    static func run(_ command: String, threshold: Int?) throws -> [String] {
        let dir = NSTemporaryDirectory() + "spyglass-cron-\(getpid())-\(UUID().uuidString)"
        let bin = dir + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: bin + "/spyglass", withDestinationPath: SpyglassProcess.binary)
        let sendmail = """
        #!/bin/sh
        # A strict mailer: empty input has no recipients, as Postfix's sendmail -t says.
        message=$(cat)
        [ -n "$message" ] || { echo "sendmail: No recipient addresses found in message header" >&2; exit 1; }
        n=$(ls "\(dir)/outbox" 2>/dev/null | wc -l)
        mkdir -p "\(dir)/outbox" && printf '%s\\n' "$message" > "\(dir)/outbox/$n.eml"
        """
        try sendmail.write(toFile: bin + "/sendmail", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/sendmail")
        var line = command.replacingOccurrences(of: "cd /srv/lookml", with: "cd '\(root)'")
            .replacingOccurrences(of: "/var/tmp/", with: dir + "/")
        if let threshold { line = line.replacingOccurrences(of: "< 120'", with: "< \(threshold)'") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = bin + ":/usr/bin:/bin"
        process.environment = env
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("sendmail:"), "sendmail ran on empty input: \(stderr)")
        #expect(!stderr.contains("Error"), "\(stderr)")
        let outbox = dir + "/outbox"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []
        return try files.sorted().map { try String(contentsOfFile: outbox + "/" + $0, encoding: .utf8) }
    }

    /// Bug: the README's example mailed a false alarm every morning, because the alert also checked
    /// the oldest month of the trend tile and each edition's column. It must send nothing while the
    /// latest month is above the threshold, and one alert mail when it is below.
    @Test func readmeCronAlertSendsOnlyBelowThreshold() throws {
        let command = try Self.cronCommand()
        #expect(command.contains("--alert 'server_daily_activity.reporting_servers < 120'"))
        let query = try SpyglassProcess.run([
            "query", "server_daily_activity", "--project", Self.root, "--format", "csv",
            "--fields", "server_daily_activity.activity_month,server_daily_activity.reporting_servers",
            "--sorts", "server_daily_activity.activity_month desc",
        ])
        #expect(query.code == 0, "\(query.stderr)")
        let values = query.stdout.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        let latest = try #require(values.first)
        // The trap the bug fell into: older months below the threshold we use.
        #expect(values.contains { $0 < latest - 1 })

        #expect(try Self.run(command, threshold: latest - 1).isEmpty, "sent while the latest month (\(latest)) is above the threshold")
        let sent = try Self.run(command, threshold: latest + 1)
        #expect(sent.count == 1)
        #expect(sent.first?.contains("Subject: [alert] Active Servers (latest month) \(latest) < \(latest + 1)") == true)
        #expect(sent.first?.contains("To: ops@example.com") == true)
        // And the README's own threshold behaves as the data says.
        #expect(try Self.run(command, threshold: nil).count == (latest < 120 ? 1 : 0))
    }
}
