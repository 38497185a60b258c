import Foundation
import Presentation
import SpyglassCore
import Testing

/// The email format, read by Python's `email` package and delivered over real SMTP on loopback.
@Suite("Report emails")
struct MailTests {
    static func message(_ demo: DemoReport, subject: String = "Santé de l’entreprise — {date}") throws -> String {
        let mail = MailMessage(report: demo.report, from: "Spyglass Reports <reports@example.com>",
                               to: ["Zoë Åberg <zoe@example.com>", "ops@example.com"], cc: ["cfo@example.com"],
                               subject: MailMessage.subject(template: subject, report: demo.report), host: "reports.example.com")
        return try mail.rendered()
    }

    @Test func everyDashboardMailsAsMixedAlternativeWithAttachments() throws {
        #expect(DemoReports.all.count == 2)
        for demo in DemoReports.all {
            let raw = try Self.message(demo)
            let mail = try #require(try Python.json(Python.describeMail, input: Data(raw.utf8)) as? [String: Any])
            #expect(mail["defects"] as? [String] == [])
            #expect(mail["subject"] as? String == "Santé de l’entreprise — 2026-11-21")
            #expect(mail["to"] as? [String] == ["zoe@example.com", "ops@example.com"])
            #expect(mail["to_names"] as? [String] == ["Zoë Åberg", ""])
            #expect(mail["cc"] as? [String] == ["cfo@example.com"])
            #expect(mail["mime_version"] as? String == "1.0")
            #expect(mail["date_parsed"] as? Bool == true)
            #expect((mail["date"] as? String)?.hasPrefix("Sat, 21 Nov 2026 07:00:00 +0000") == true)
            #expect((mail["message_id"] as? String)?.hasSuffix("@reports.example.com>") == true)
            #expect((mail["max_line"] as? Int ?? 999) <= 76)
            #expect(mail["bare_lf"] as? Int == 0)
            #expect(mail["bare_cr"] as? Int == 0)

            let tree = try #require(mail["tree"] as? [String: Any])
            #expect(tree["type"] as? String == "multipart/mixed")
            let parts = try #require(tree["parts"] as? [[String: Any]])
            let alternative = try #require(parts.first)
            #expect(alternative["type"] as? String == "multipart/alternative")
            let bodies = try #require(alternative["parts"] as? [[String: Any]])
            #expect(bodies.map { $0["type"] as? String } == ["text/plain", "text/html"])
            // Decoded text parts keep the message's CRLF line ends.
            #expect(Self.lf(bodies.first?["content"]) == ReportRenderer.text(demo.report))
            #expect(Self.lf(bodies.last?["content"]) == ReportRenderer.html(demo.report))

            let attachments = parts.dropFirst()
            let tiles = demo.report.queryTiles
            #expect(attachments.map { $0["filename"] as? String } == tiles.map { "\($0.name).csv" })
            for (attachment, tile) in zip(attachments, tiles) {
                #expect(attachment["type"] as? String == "text/csv")
                #expect(attachment["disposition"] as? String == "attachment")
                #expect(attachment["cte"] as? String == "base64")
                #expect(attachment["content"] as? String == ReportRenderer.csv(demo.report, tile: tile.name))
            }
        }
    }

    /// Text with CRLF line ends turned into LF.
    static func lf(_ value: Any?) -> String? {
        (value as? String)?.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// A real SMTP conversation on 127.0.0.1: Python's smtplib sends the message to a minimal
    /// EHLO/MAIL/RCPT/DATA/QUIT server on a free port, which keeps the DATA it receives.
    @Test func deliversOverSMTP() throws {
        let demo = try #require(DemoReports.all.first)
        let raw = try Self.message(demo)
        let script = #"""
import socket, socketserver, threading, smtplib, sys, json
received = {}
class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        w = lambda s: self.wfile.write(s.encode() + b"\r\n")
        w("220 localhost test ESMTP")
        rcpts = []
        while True:
            line = self.rfile.readline()
            if not line: return
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"): w("250 localhost")
            elif cmd.startswith(b"MAIL FROM:"): received["from"] = line.strip()[10:].decode(); w("250 OK")
            elif cmd.startswith(b"RCPT TO:"): rcpts.append(line.strip()[8:].decode()); w("250 OK")
            elif cmd == b"DATA":
                w("354 go ahead")
                data = []
                while True:
                    l = self.rfile.readline()
                    if l == b".\r\n": break
                    if l.startswith(b"."): l = l[1:]
                    data.append(l)
                received["data"] = b"".join(data).decode("utf-8")
                received["rcpts"] = rcpts
                w("250 queued")
            elif cmd == b"QUIT": w("221 bye"); return
            elif cmd == b"RSET" or cmd == b"NOOP": w("250 OK")
            else: w("502 not implemented")
server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()
message = sys.stdin.buffer.read()
with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
    refused = client.sendmail("reports@example.com", ["zoe@example.com", "ops@example.com", "cfo@example.com"], message)
server.shutdown()
print(json.dumps({"port": port, "refused": refused, **received}))
"""#
        let result = try #require(try Python.json(script, input: Data(raw.utf8)) as? [String: Any])
        #expect((result["port"] as? Int ?? 0) > 0)
        #expect((result["refused"] as? [String: Any])?.isEmpty == true)
        #expect(result["rcpts"] as? [String] == ["<zoe@example.com>", "<ops@example.com>", "<cfo@example.com>"])
        #expect(result["data"] as? String == raw)
    }

    /// A long non-ASCII subject folds into encoded words of whole characters, no line over 76.
    @Test func longSubjectsFoldIntoEncodedWords() throws {
        let demo = try #require(DemoReports.all.first)
        let subject = String(repeating: "Santé des ventes — € ✓ 日本語 ", count: 6)
        let raw = try Self.message(demo, subject: subject)
        #expect(raw.contains("Subject: =?UTF-8?B?"))
        let mail = try #require(try Python.json(Python.describeMail, input: Data(raw.utf8)) as? [String: Any])
        #expect(mail["subject"] as? String == subject)
        #expect((mail["max_line"] as? Int ?? 999) <= 76)
        #expect(mail["defects"] as? [String] == [])
    }

    /// Header input cannot add headers: CR and LF in a subject become spaces, and an address with a
    /// line break is refused.
    @Test func headerInjectionIsImpossible() throws {
        let demo = try #require(DemoReports.all.first)
        let raw = try Self.message(demo, subject: "Daily\r\nBcc: thief@example.com")
        #expect(!raw.contains("\r\nBcc:"))
        let mail = try #require(try Python.json(Python.describeMail, input: Data(raw.utf8)) as? [String: Any])
        #expect(mail["subject"] as? String == "Daily  Bcc: thief@example.com")
        let bad = MailMessage(report: demo.report, from: "a@example.com", to: ["x@example.com\r\nBcc: thief@example.com"],
                              subject: "s", host: "h")
        #expect(throws: ReportError.self) { try bad.rendered() }
    }

    /// Quoted-printable bodies decode to exactly the text, whatever it holds: long lines, '=',
    /// trailing spaces, a lone '.', 'From ' at a line start, non-ASCII.
    @Test func quotedPrintableRoundTrips() throws {
        let long = String(repeating: "é=x ", count: 60)
        let body = "From the top\n.\n.leading dot\ntrailing space \n\(long)\n" + String(repeating: "a", count: 300) + "\n"
        let report = Report(name: "t", title: "T", tiles: [ReportTile(name: "note", title: "Note", type: "text", table: nil, bodyText: body)])
        let raw = try MailMessage(report: report, from: "a@example.com", to: ["b@example.com"], subject: "s", host: "h").rendered()
        let mail = try #require(try Python.json(Python.describeMail, input: Data(raw.utf8)) as? [String: Any])
        #expect((mail["max_line"] as? Int ?? 999) <= 76)
        let tree = try #require(mail["tree"] as? [String: Any])
        let alternative = try #require((tree["parts"] as? [[String: Any]])?.first)
        let plain = try #require(Self.lf((alternative["parts"] as? [[String: Any]])?.first?["content"]))
        #expect(plain == ReportRenderer.text(report))
        #expect(plain.contains(".leading dot\ntrailing space \n"))
        #expect(!raw.contains("\r\n.\r\n"))
        #expect(!raw.contains("\r\nFrom "))
    }
}
