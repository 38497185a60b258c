import Foundation
import Warehouse

/// A report as a complete RFC 5322 MIME message, ready for `sendmail -t`:
///
/// ```
/// multipart/mixed
/// ├── multipart/alternative
/// │   ├── text/plain; charset=utf-8   (the text report, quoted-printable)
/// │   └── text/html; charset=utf-8    (the HTML report, quoted-printable)
/// └── text/csv attachment per query tile ("tile_name.csv", base64)
/// ```
///
/// CRLF line endings, no line over 76 octets, non-ASCII headers as RFC 2047 encoded words.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable {
        public var filename: String
        public var contentType: String
        public var data: [UInt8]
    }

    public var from: String
    public var to: [String]
    public var cc: [String]
    public var subject: String
    public var date: Date
    public var timeZone: TimeZone
    /// The right-hand side of the Message-ID (the sending host's name).
    public var host: String
    public var textBody: String
    public var htmlBody: String
    public var attachments: [Attachment]

    /// The message for `report`: the text alternative is `ReportRenderer.text` (ASCII when `ascii`),
    /// the HTML one `ReportRenderer.html`, and each query tile's rows are attached as CSV.
    public init(report: Report, from: String, to: [String], cc: [String] = [], subject: String,
                ascii: Bool = false, host: String) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = report.generatedAt
        self.timeZone = report.timeZone
        self.host = host
        self.textBody = ReportRenderer.text(report, ascii: ascii)
        self.htmlBody = ReportRenderer.html(report)
        var used = Set<String>()
        self.attachments = report.queryTiles.map { tile in
            var base = MailMessage.filenameSafe(tile.name)
            if !used.insert(base).inserted {
                var n = 2
                while !used.insert("\(base)_\(n)").inserted { n += 1 }
                base = "\(base)_\(n)"
            }
            return Attachment(filename: base + ".csv", contentType: "text/csv; charset=utf-8",
                              data: Array(CSVWriter.render(MailMessage.spreadsheetSafe(tile.table!)).utf8))
        }
    }

    /// The table with every text cell a spreadsheet would read as a formula neutralised: a cell
    /// starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP's CSV injection
    /// advice), so opening the attachment never runs `=HYPERLINK(…)` or `=cmd|…`. Numbers, dates and
    /// yes/no cells are not text and stay as they are (a negative number is still a number). Only
    /// the email attachments, which are meant for spreadsheets, do this: `query --format csv` and
    /// `report --format csv` stay raw for scripts.
    static func spreadsheetSafe(_ table: ResultTable) -> ResultTable {
        func safe(_ value: Value) -> Value {
            guard case .string(let text) = value, let first = text.unicodeScalars.first,
                  "=+-@\t\r".unicodeScalars.contains(first) else { return value }
            return .string("'" + text)
        }
        var table = table
        table.rows = table.rows.map { $0.map(safe) }
        table.totals = table.totals.map { $0.map(safe) }
        return table
    }

    /// Throws a `ReportError` naming `address` unless it is `name@host` or `Name <name@host>`, so a
    /// front end can refuse a bad address before running any query.
    public static func validate(address: String) throws {
        _ = try MIME.address(address)
    }

    /// The subject for `template` (the dashboard title when nil): `{date}` becomes `YYYY-MM-DD`.
    public static func subject(template: String?, report: Report) -> String {
        (template ?? report.title).replacingOccurrences(of: "{date}", with: report.dateText)
    }

    /// The whole message, CRLF line endings. Throws when an address is not one.
    public func rendered() throws -> String {
        guard !to.isEmpty else { throw ReportError("an email needs at least one recipient (--to)") }
        let token = MailMessage.randomToken()
        let mixed = "=_spyglass_mixed_\(token)"
        let alternative = "=_spyglass_alt_\(token)"
        let crlf = MIME.crlf
        var out = ""
        out += try MIME.addressHeader("From", [from])
        out += try MIME.addressHeader("To", to)
        if !cc.isEmpty { out += try MIME.addressHeader("Cc", cc) }
        out += MIME.header("Subject", subject)
        out += "Date: \(MailMessage.rfc5322Date(date, timeZone: timeZone))\(crlf)"
        out += "Message-ID: <\(token).\(Int(date.timeIntervalSince1970))@\(MailMessage.hostSafe(host))>\(crlf)"
        out += "MIME-Version: 1.0\(crlf)"
        out += "Content-Type: multipart/mixed;\(crlf) boundary=\"\(mixed)\"\(crlf)"
        out += "X-Mailer: spyglass report\(crlf)"
        out += crlf
        out += "This is a multi-part message in MIME format.\(crlf)"
        out += "\(crlf)--\(mixed)\(crlf)"
        out += "Content-Type: multipart/alternative;\(crlf) boundary=\"\(alternative)\"\(crlf)\(crlf)"
        out += "--\(alternative)\(crlf)"
        out += "Content-Type: text/plain; charset=utf-8\(crlf)Content-Transfer-Encoding: quoted-printable\(crlf)\(crlf)"
        out += MIME.quotedPrintable(textBody)
        // The CRLF before a boundary belongs to the boundary, so each body's own last line end
        // needs one more to survive decoding.
        out += "\(crlf)--\(alternative)\(crlf)"
        out += "Content-Type: text/html; charset=utf-8\(crlf)Content-Transfer-Encoding: quoted-printable\(crlf)\(crlf)"
        out += MIME.quotedPrintable(htmlBody)
        out += "\(crlf)--\(alternative)--\(crlf)"
        for attachment in attachments {
            out += "\(crlf)--\(mixed)\(crlf)"
            out += "Content-Type: \(attachment.contentType);\(crlf) name=\"\(attachment.filename)\"\(crlf)"
            out += "Content-Disposition: attachment;\(crlf) filename=\"\(attachment.filename)\"\(crlf)"
            out += "Content-Transfer-Encoding: base64\(crlf)\(crlf)"
            out += MIME.base64(attachment.data)
        }
        out += "\(crlf)--\(mixed)--\(crlf)"
        return out
    }

    /// `Sat, 21 Nov 2026 07:00:00 +0000` (RFC 5322 §3.3), in English whatever the locale.
    static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Letters, digits, `_` and `-` only: a tile name is an identifier, but a filename must never
    /// carry a quote or a path separator into a header.
    static func filenameSafe(_ name: String) -> String {
        let kept = String(name.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95 || v == 45
            return ok ? Character(scalar) : "_"
        })
        // A tile name may be long; a filename of at most 60 characters keeps its header line short.
        return kept.isEmpty ? "tile" : String(kept.prefix(60))
    }

    static func hostSafe(_ host: String) -> String {
        let kept = String(host.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") })
        return kept.isEmpty ? "localhost" : kept
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let s = String(generator.next() as UInt64, radix: 36)
            return String(repeating: "0", count: 13 - s.count) + s
        }.joined()
    }
}
