import Foundation
import Presentation
import TestSupport
import Testing

/// Finding 12 of the hardening review: header lines over 998 octets, an unbalanced `(` or `"` in an
/// address swallowing the next recipient, and CSV attachments whose cells a spreadsheet runs as
/// formulas. Every message is produced by the real binary and read back with Python's `email`.
@Suite("finding 12: email edge cases", .serialized)
struct EmailEdgeCaseTests {
    static func report(_ arguments: [String]) throws -> SpyglassProcess.Result {
        try SpyglassProcess.run(["report"] + arguments + ["--project", SpyglassProcess.repositoryRoot])
    }

    /// Subject, To names and attachments as Python's email package reads them, plus the longest line.
    static let readMail = #"""
import sys, json, email
from email import policy
from email.header import decode_header, make_header
import re
def raw_header(raw, name):
    # The header as sent, unfolded, for the RFC 2047 decoder (which drops white space between
    # adjacent encoded words, as RFC 2047 section 6.2 says; the structured parser does not).
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    m = re.search(r"^" + name.decode() + r": ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, re.M)
    return re.sub(r"\r\n([ \t])", r"\1", m.group(1))
raw = sys.stdin.buffer.read()
msg = email.message_from_bytes(raw, policy=policy.default)
files = {}
for part in msg.walk():
    if part.get_filename():
        files[part.get_filename()] = part.get_content()
print(json.dumps({
    "subject": str(msg["subject"]),
    "to": [[a.display_name, a.addr_spec] for a in msg["to"].addresses],
    "cc": [[a.display_name, a.addr_spec] for a in msg["cc"].addresses] if msg["cc"] else [],
    "from": [[a.display_name, a.addr_spec] for a in msg["from"].addresses],
    "defects": [str(d) for d in msg.defects] + [str(d) for h in ("to", "cc", "from", "subject") if msg[h] for d in msg[h].defects],
    "max_line": max(len(l) for l in raw.split(b"\r\n")),
    "to_strict": str(make_header(decode_header(raw_header(raw, b"To")))),
    "files": files,
}))
"""#

    static func read(_ raw: String) throws -> [String: Any] {
        try #require(try Python.json(readMail, input: Data(raw.utf8)) as? [String: Any])
    }

    @Test func emailHeaderLinesOver998OctetsAreFolded() throws {
        let longWord = String(repeating: "KPI", count: 700)  // 2,100 octets without a space
        let longName = String(repeating: "Ops Team ", count: 150) + "Zoë"  // 1,353 characters, one non-ASCII
        let longPlainName = String(repeating: "Reporting ", count: 120).trimmingCharacters(in: .whitespaces)
        let result = try Self.report(["business_health", "--format", "email", "--subject", longWord,
                                      "--to", "\(longName) <ops@example.com>", "--to", "\"\(longPlainName)\" <cfo@example.com>",
                                      "--from", "\(longPlainName) <reports@example.com>"])
        #expect(result.code == 0, "\(result.stderr)")
        let mail = try Self.read(result.stdout)
        #expect(mail["defects"] as? [String] == [])
        #expect((mail["max_line"] as? Int ?? 9999) <= 76)
        #expect(mail["subject"] as? String == longWord)
        // The RFC 2047 decoder reads the encoded name exactly; Python's structured parser puts a
        // space between adjacent encoded words, so there the name is compared without white space.
        #expect((mail["to_strict"] as? String)?.hasPrefix(longName + " <ops@example.com>, ") == true, "\(mail["to_strict"] ?? "")")
        let to = try #require(mail["to"] as? [[String]])
        #expect(to.map { $0[1] } == ["ops@example.com", "cfo@example.com"])
        #expect(to.first?[0].filter { !$0.isWhitespace } == longName.filter { !$0.isWhitespace })
        #expect(to.last?[0] == longPlainName)
        #expect(mail["from"] as? [[String]] == [[longPlainName, "reports@example.com"]])
    }

    @Test func emailUnbalancedParenthesisOrQuoteNeverSwallowsTheNextRecipient() throws {
        for bad in ["ops(@example.com", "\"Ops <ops@example.com>", "ops@example.com (Ops", "Ops (x <ops@example.com>",
                    "a@example.com, b@example.com", "<ops@example.com> trailing", "ops@example.com>", "ops@@example.com",
                    "Ops <ops@example.com", "ops@exa mple.com"] {
            let result = try Self.report(["business_health", "--format", "email", "--to", bad, "--to", "next@example.com"])
            #expect(result.code == 2, "\(bad): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("--to: '\(bad)' is not an email address ("), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let cc = try Self.report(["business_health", "--format", "email", "--to", "ops@example.com", "--cc", "Finance \"Team <cfo@example.com>"])
        #expect(cc.code == 2)
        #expect(cc.stderr.contains("--cc: 'Finance \"Team <cfo@example.com>' is not an email address (a '\"' quote is never closed"), "\(cc.stderr)")
        let from = try Self.report(["business_health", "--format", "email", "--to", "ops@example.com", "--from", "(reports@example.com"])
        #expect(from.code == 2)
        #expect(from.stderr.contains("--from: '(reports@example.com' is not an email address (a '(' comment is never closed"), "\(from.stderr)")
    }

    /// RFC 5322 forms that are valid: display names with quoted strings, comments, quoted local
    /// parts and address literals; each recipient stays one recipient.
    @Test func emailAddressesParseWithRFC5322Grammar() throws {
        let result = try Self.report(["business_health", "--format", "email",
                                      "--to", "\"Smith, Jane (Finance)\" <jane@example.com>",
                                      "--to", "Ops (night shift) <ops@example.com> (pager)",
                                      "--to", "(team) \"odd local\"@example.com",
                                      "--to", "root@[192.0.2.1]",
                                      "--cc", "O'Brien \"The \\\"Boss\\\"\" <boss@example.com>",
                                      "--from", "Zoë Åberg <zoe@example.com>"])
        #expect(result.code == 0, "\(result.stderr)")
        let mail = try Self.read(result.stdout)
        #expect(mail["defects"] as? [String] == [])
        #expect(mail["to"] as? [[String]] == [["Smith, Jane (Finance)", "jane@example.com"], ["Ops", "ops@example.com"],
                                             ["", "\"odd local\"@example.com"], ["", "root@[192.0.2.1]"]])
        #expect(mail["cc"] as? [[String]] == [["O'Brien The \"Boss\"", "boss@example.com"]])
        #expect(mail["from"] as? [[String]] == [["Zoë Åberg", "zoe@example.com"]])
    }

    /// Cells `=`, `+`, `-`, `@`, tab, CR: neutralised with `'` in the attachment, raw in `query --format csv`.
    @Test func emailCSVAttachmentsNeutraliseFormulaCells() throws {
        let dir = NSTemporaryDirectory() + "spyglass-finding12-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = dir + "/cells.db"
        let hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "plain", "'quoted"]
        let inserts = hostile.enumerated().map { "INSERT INTO cells VALUES (\($0.offset), '\($0.element.replacingOccurrences(of: "'", with: "''"))', \(-$0.offset));" }
        let sql = "CREATE TABLE cells (id INTEGER, label TEXT, amount INTEGER);" + inserts.joined()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", database, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        try """
        connection: "cells"
        include: "/*.dashboard.lookml"
        view: cells {
          sql_table_name: cells ;;
          dimension: id { type: number primary_key: yes sql: ${TABLE}.id ;; }
          dimension: label { type: string sql: ${TABLE}.label ;; }
          dimension: amount { type: number sql: ${TABLE}.amount ;; }
        }
        explore: cells {}
        """.write(toFile: dir + "/cells.model.lkml", atomically: true, encoding: .utf8)
        try """
        - dashboard: cells
          title: Cells
          elements:
          - name: cells
            title: Cells
            type: looker_grid
            model: cells
            explore: cells
            fields: [cells.id, cells.label, cells.amount]
            sorts: [cells.id]
        """.write(toFile: dir + "/cells.dashboard.lookml", atomically: true, encoding: .utf8)

        let mailRun = try SpyglassProcess.run(["report", "cells", "--format", "email", "--to", "ops@example.com",
                                               "--project", dir, "--database", "sqlite:" + database])
        #expect(mailRun.code == 0, "\(mailRun.stderr)")
        let files = try #require(try Self.read(mailRun.stdout)["files"] as? [String: String])
        let attachment = try #require(files["cells.csv"])
        let cells = try #require(try Python.json("import csv,sys,json,io; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))",
                                                 input: Data(attachment.utf8)) as? [[String]])
        #expect(cells.dropFirst().map { $0[1] } == hostile.map { ["=", "+", "-", "@", "\t", "\r"].contains($0.prefix(1)) ? "'" + $0 : $0 })
        // Numbers stay numbers: -1 … -7 are not text.
        #expect(cells.dropFirst().map { $0[2] } == hostile.indices.map { String(-$0) })

        let query = try SpyglassProcess.run(["query", "cells", "--fields", "cells.id,cells.label,cells.amount", "--sorts", "cells.id",
                                             "--format", "csv", "--project", dir, "--database", "sqlite:" + database])
        #expect(query.code == 0, "\(query.stderr)")
        let raw = try #require(try Python.json("import csv,sys,json,io; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))",
                                               input: Data(query.stdout.utf8)) as? [[String]])
        #expect(raw.dropFirst().map { $0[1] } == hostile)
    }
}
