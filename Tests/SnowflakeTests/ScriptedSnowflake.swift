import Foundation
import TestSupport

/// The scripted Snowflake stand-in (Fixtures/scripted_snowflake.py), run with the fakesnow venv's
/// Python (it needs pyjwt and pyarrow) on a free loopback port, once per test process.
final class ScriptedSnowflake: @unchecked Sendable {
    let port: Int
    let log: String
    private let process: Process
    private let stdin: Pipe

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static let shared: Result<ScriptedSnowflake, any Error> = Result { try ScriptedSnowflake() }

    private init() throws {
        let python = URL(fileURLWithPath: try TestFakesnow.executable()).deletingLastPathComponent().appendingPathComponent("python").path
        log = NSTemporaryDirectory() + "spyglass-scripted-snowflake-\(getpid()).jsonl"
        FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.fixtures + "/scripted_snowflake.py", "0", log, Self.fixtures + "/jwt_key.pub"]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ScriptedError(description: "the scripted Snowflake server did not start: \(line)")
        }
        self.port = port
    }

    struct ScriptedError: Error, CustomStringConvertible { var description: String }

    func url(user: String = "analyst", password: String? = "right", extra: String = "") -> String {
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "snowflake://\(credentials)@xy12345.us-east-1/DB/PUBLIC?host=127.0.0.1&port=\(port)&protocol=http\(extra)"
    }

    /// Requests recorded so far (each a decoded JSON object).
    func requests() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
