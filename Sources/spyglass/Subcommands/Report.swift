import ArgumentParser
import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore

extension ReportFormat: ExpressibleByArgument {}

/// `spyglass report DASHBOARD`: a dashboard rendered headless, for cron and mail.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a dashboard headless (text, markdown, html, csv, json) or as an email for sendmail.",
        discussion: """
        Every query tile runs in parallel; if any tile fails the report is not printed (exit 1, the \
        tile named on stderr), so cron never mails a half-empty report.

        csv: with --tile, that tile's rows; without, every query tile after a '# Tile title' line, \
        tiles separated by a blank line (CRLF line endings, RFC 4180).
        email: a MIME message for 'sendmail -t' (text and HTML alternatives, a CSV attachment per tile).

        Cron: --if-rows, --if-changed STATEFILE and --alert print nothing (exit 0) when there is nothing \
        to send.

        Example:
          0 7 * * * cd /srv/lookml && spyglass report business_health --format email --to team@example.com | sendmail -t
        """
    )

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The dashboard's name (see 'spyglass dashboards').", valueName: "dashboard")) var dashboard: String
    @Option(help: "text, markdown, html, csv, json or email.") var format: ReportFormat = .text
    @Flag(help: "Plain ASCII text: no box drawing, block characters or typographic signs.") var ascii = false
    @Option(help: ArgumentHelp("Only this tile (its name in the dashboard); with csv, its rows alone.", valueName: "name")) var tile: String?
    @Option(name: .customLong("filter"), help: ArgumentHelp("A dashboard filter's value, NAME=VALUE (repeatable), e.g. region=EMEA.", valueName: "name=value"))
    var filters: [String] = []
    @Option(help: ArgumentHelp("A recipient (repeatable; at least one for email).", valueName: "address")) var to: [String] = []
    @Option(help: ArgumentHelp("A copy recipient (repeatable).", valueName: "address")) var cc: [String] = []
    @Option(help: ArgumentHelp("The sender. Default: USER@HOSTNAME.", valueName: "address")) var from: String?
    @Option(help: ArgumentHelp("The subject; {date} becomes YYYY-MM-DD. Default: the dashboard title.", valueName: "text")) var subject: String?
    @Flag(name: .customLong("if-rows"), help: "Print nothing (exit 0) when every tile is empty.") var ifRows = false
    @Option(name: .customLong("if-changed"), help: ArgumentHelp("Print nothing (exit 0) when the results equal the last run's; the file keeps a hash of them.", valueName: "statefile"))
    var ifChanged: String?
    @Option(help: ArgumentHelp("Send only when the latest period's value crosses: 'FIELD > N' (repeatable; > >= < <= = !=). Watches the single-value tiles showing FIELD, or the --tile.", valueName: "'field > n'"))
    var alert: [String] = []
    @Flag(name: .customLong("per-series"), help: "With --alert on a tile split into series (a pivot or a second dimension): check each series.")
    var perSeries = false

    func run() throws {
        let alerts = try checkUsage()
        let filterValues = try parseFilters()
        let workspace = try options.workspace()
        var dashboard = try workspace.dashboard(named: self.dashboard)
        if let tile {
            guard let element = dashboard.elements.first(where: { $0.name == tile }) else {
                let names = dashboard.elements.map(\.name)
                if let guess = Suggest.closest(to: tile, among: names) {
                    throw SpyglassError(.usage, "--tile: dashboard '\(dashboard.name)' has no tile '\(tile)'; did you mean '\(guess)'?")
                }
                throw SpyglassError(.usage, "--tile: dashboard '\(dashboard.name)' has no tile '\(tile)'; its tiles: \(names.joined(separator: ", "))")
            }
            if format == .csv && (element.explore == nil || element.fields.isEmpty) {
                throw SpyglassError(.usage, "--tile: tile '\(tile)' of dashboard '\(dashboard.name)' is a text tile and has no rows for csv")
            }
            dashboard.elements = [element]
        }

        let token = CancelToken()
        SignalCancellation.install(token)
        let outcomes = try workspace.runDashboard(dashboard, filterValues: filterValues, token: token)
        let failed = outcomes.compactMap(\.error)
        if let first = failed.first {
            let others = failed.count > 1 ? " (and \(failed.count - 1) more failing tile\(failed.count > 2 ? "s" : ""))" : ""
            throw SpyglassError(first.kind, first.message + others)
        }
        var report = workspace.report(of: dashboard, outcomes: outcomes, filterValues: filterValues)

        // Cron gates: each prints nothing and exits 0 when there is nothing worth sending.
        var crossings: [ReportAlert.Crossing] = []
        for alert in alerts {
            guard alert.applies(to: report) else {
                throw SpyglassError(.usage, "--alert '\(alert)': no tile of dashboard '\(dashboard.name)' shows the field '\(alert.field)'")
            }
            do {
                crossings += try alert.crossings(in: report, tile: tile, perSeries: perSeries)
            } catch {
                throw SpyglassError(.usage, String(describing: error))
            }
        }
        if !alerts.isEmpty && crossings.isEmpty { return }
        report.alerts = crossings.map(\.description)
        if ifRows && !report.hasRows { return }
        let fingerprint = report.fingerprint
        if let ifChanged, Self.readState(ifChanged) == fingerprint { return }

        Output.write(try render(report, crossings: crossings))
        Output.flush()
        if let ifChanged { try Self.writeState(ifChanged, fingerprint) }
    }

    /// Usage problems found before any query runs; returns the parsed alerts.
    private func checkUsage() throws -> [ReportAlert] {
        if format == .email {
            guard !to.isEmpty else { throw SpyglassError(.usage, "--format email needs at least one --to address") }
            for (flag, addresses) in [("--to", to), ("--cc", cc), ("--from", from.map { [$0] } ?? [])] {
                for address in addresses {
                    do {
                        try MailMessage.validate(address: address)
                    } catch {
                        throw SpyglassError(.usage, "\(flag): \(error)")
                    }
                }
            }
        } else {
            for (flag, given) in [("--to", !to.isEmpty), ("--cc", !cc.isEmpty), ("--from", from != nil), ("--subject", subject != nil)] where given {
                throw SpyglassError(.usage, "\(flag) is only for --format email")
            }
        }
        if perSeries && alert.isEmpty { throw SpyglassError(.usage, "--per-series is only for --alert") }
        do {
            return try alert.map { try ReportAlert(parsing: $0) }
        } catch {
            throw SpyglassError(.usage, String(describing: error))
        }
    }

    private func parseFilters() throws -> [String: String] {
        var values: [String: String] = [:]
        for text in filters {
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw SpyglassError(.usage, "--filter '\(text)' must have the form NAME=VALUE, NAME being a dashboard filter's name")
            }
            values[String(text[..<eq]).trimmingCharacters(in: .whitespaces)] = String(text[text.index(after: eq)...])
        }
        return values
    }

    private func render(_ report: Presentation.Report, crossings: [ReportAlert.Crossing]) throws -> String {
        switch format {
        case .text: return ReportRenderer.text(report, ascii: ascii)
        case .markdown: return ReportRenderer.markdown(report)
        case .html: return ReportRenderer.html(report)
        case .json: return ReportRenderer.json(report)
        case .csv:
            // --tile was checked to name a query tile, and a failing tile stopped the report.
            return ReportRenderer.csv(report, tile: tile) ?? ""
        case .email:
            var subject = MailMessage.subject(template: self.subject, report: report)
            if !crossings.isEmpty {
                subject = "[alert] " + crossings.map(\.description).joined(separator: "; ") + " - " + subject
            }
            let host = ProcessInfo.processInfo.hostName
            let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? NSUserName()
            let message = MailMessage(report: report, from: from ?? "\(user)@\(host)", to: to, cc: cc,
                                      subject: subject, ascii: ascii, host: host)
            do {
                return try message.rendered()
            } catch {
                throw SpyglassError(.usage, String(describing: error))
            }
        }
    }

    /// The hash the last successful run left, or nil when there is none yet.
    static func readState(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Replaces the state file atomically, so a crash mid-write never leaves a hash that matches nothing.
    static func writeState(_ path: String, _ fingerprint: String) throws {
        do {
            try Data((fingerprint + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SpyglassError(.usage, "--if-changed: cannot write the state file '\(path)': \(error.localizedDescription)")
        }
    }
}
