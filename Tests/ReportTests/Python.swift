import Foundation

/// Runs a python3 script (the mail, HTML and CSV parsers of its standard library are the
/// independent readers the report tests check their output with).
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` with `input` on stdin and `arguments` after it; returns stdout, or throws with
    /// stderr when the script fails.
    static func run(_ script: String, input: Data = Data(), arguments: [String] = []) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
        }
        return out
    }

    /// Runs `script`, which prints one JSON value, and decodes it.
    static func json(_ script: String, input: Data = Data(), arguments: [String] = []) throws -> Any {
        try JSONSerialization.jsonObject(with: run(script, input: input, arguments: arguments), options: [.fragmentsAllowed])
    }

    /// Parses a MIME message with `email` (policy.default, the strict modern parser) and describes it:
    /// headers decoded, the tree of content types, each leaf's decoded text, attachments, and the
    /// raw message's line facts.
    static let describeMail = #"""
import sys, json, email
from email import policy
raw = sys.stdin.buffer.read()
msg = email.message_from_bytes(raw, policy=policy.default)
def tree(part):
    if part.is_multipart():
        return {"type": part.get_content_type(), "parts": [tree(p) for p in part.iter_parts()]}
    node = {"type": part.get_content_type(), "cte": part.get("Content-Transfer-Encoding", "")}
    fn = part.get_filename()
    if fn:
        node["filename"] = fn
        node["disposition"] = part.get_content_disposition()
    node["content"] = part.get_content() if part.get_content_maintype() == "text" else ""
    return node
lines = raw.split(b"\r\n")
print(json.dumps({
    "subject": str(msg["subject"]),
    "from": str(msg["from"]),
    "to": [a.addr_spec for a in msg["to"].addresses],
    "to_names": [a.display_name for a in msg["to"].addresses],
    "cc": [a.addr_spec for a in msg["cc"].addresses] if msg["cc"] else [],
    "date": str(msg["date"]),
    "date_parsed": msg["date"].datetime is not None,
    "message_id": str(msg["message-id"]),
    "mime_version": str(msg["mime-version"]),
    "defects": [str(d) for d in msg.defects],
    "tree": tree(msg),
    "max_line": max(len(l) for l in lines),
    "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
    "bare_cr": raw.replace(b"\r\n", b"").count(b"\r"),
}))
"""#
}
