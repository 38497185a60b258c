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

        Per recipient: --to-users alice,bob renders one message per user, each run as that user (their \
        attributes, access filters and grants; To: their email in spyglass.users), written as USER.eml into \
        --out-dir or piped one by one into --deliver. The gates apply per recipient (--if-changed keeps \
        STATEFILE.USER). If any recipient's report fails, nothing is written or sent. --as USER with no --to \
        sends one message to that user.

        Example:
          0 7 * * * cd /srv/lookml && spyglass report business_health --format email --to team@example.com | sendmail -t
          0 7 * * * cd /srv/lookml && spyglass report business_health --format email --to-users alice,bob --deliver 'sendmail -t'
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
    @Option(name: .customLong("to-users"), help: ArgumentHelp("One message per user (comma-separated, repeatable), each with that user's access applied and sent to their email in spyglass.users.", valueName: "alice,bob"))
    var toUsers: [String] = []
    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write each message as USER.eml into this directory.", valueName: "dir"))
    var outDir: String?
    @Option(help: ArgumentHelp("Pipe each message into this shell command, one run per message (e.g. 'sendmail -t').", valueName: "command"))
    var deliver: String?
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
        if !toUsers.isEmpty {
            return try runPerRecipient(workspace, dashboard: dashboard, alerts: alerts, filterValues: filterValues, token: token)
        }
        var to = self.to
        if format == .email && to.isEmpty, let email = workspace.user.email {
            to = [email]  // --as USER alone: the message goes to that user
        }
        if format == .email && to.isEmpty {
            throw SpyglassError(.usage, "--as \(workspace.user.name): \(UserDirectory.fileName) gives this user no email; add one or pass --to")
        }
        // The state file and its key are checked before any query runs: an unusable path fails
        // before anything is printed or sent.
        let state = try ifChanged.map { try Self.openState($0) }
        guard let rendered = try render(workspace, dashboard: dashboard, alerts: alerts, filterValues: filterValues, token: token,
                                        to: to, state: state) else { return }
        if let deliver {
            try Self.deliver(rendered.text, command: deliver, recipient: to.joined(separator: ", "))
        } else if let outDir {
            try Self.writeFiles([(workspace.user.name, rendered.text)], into: outDir)
        } else {
            Output.write(rendered.text)
            Output.flush()
        }
        if let state { try Self.writeState(state, rendered.fingerprint) }
    }

    /// One rendered report, or nil when a cron gate says there is nothing worth sending.
    private func render(_ workspace: Workspace, dashboard: Dashboard, alerts: [ReportAlert], filterValues: [String: String],
                        token: CancelToken, to: [String], state: (file: ReportStateFile, key: [UInt8])?) throws -> (text: String, fingerprint: String)? {
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
        if !alerts.isEmpty && crossings.isEmpty { return nil }
        report.alerts = crossings.map(\.description)
        if ifRows && !report.hasRows { return nil }
        let fingerprint = state.map { ReportStateFile.digest(report.fingerprint, key: $0.key) } ?? report.fingerprint
        if let state, state.file.read() == fingerprint { return nil }
        return (try render(report, crossings: crossings, to: to), fingerprint)
    }

    /// `--to-users`: every recipient's message is rendered (as that user) before any is written or
    /// sent, so one failing recipient sends nothing.
    private func runPerRecipient(_ workspace: Workspace, dashboard: Dashboard, alerts: [ReportAlert], filterValues: [String: String],
                                 token: CancelToken) throws {
        var names: [String] = []
        for name in toUsers.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) where !name.isEmpty {
            if !names.contains(name) { names.append(name) }
        }
        guard !names.isEmpty else { throw SpyglassError(.usage, "--to-users names no user") }
        guard names.count == 1 || outDir != nil || deliver != nil else {
            throw SpyglassError(.usage, "--to-users with several users needs --out-dir DIR or --deliver COMMAND (one message each)")
        }
        // Who may be sent to, before anything runs: everyone is known, has an email, and may be run as.
        var recipients: [(name: String, workspace: Workspace, email: String)] = []
        for name in names {
            let recipient = try workspace.acting(as: name)
            guard let email = recipient.user.email else {
                throw SpyglassError(.usage, "--to-users: \(UserDirectory.fileName) gives user '\(name)' no email")
            }
            do {
                try MailMessage.validate(address: email)
            } catch {
                throw SpyglassError(.usage, "--to-users: the email of user '\(name)' in \(UserDirectory.fileName): \(error)")
            }
            recipients.append((name, recipient, email))
        }
        // Every recipient's state file (STATEFILE.USER) is checked before any query runs.
        var states: [String: (file: ReportStateFile, key: [UInt8])] = [:]
        if let ifChanged { for recipient in recipients { states[recipient.name] = try Self.openState("\(ifChanged).\(recipient.name)") } }
        var messages: [(name: String, email: String, text: String, fingerprint: String)] = []
        for recipient in recipients {
            let state = states[recipient.name]
            do {
                guard let rendered = try render(recipient.workspace, dashboard: dashboard, alerts: alerts, filterValues: filterValues,
                                                token: token, to: [recipient.email], state: state) else { continue }
                messages.append((recipient.name, recipient.email, rendered.text, rendered.fingerprint))
            } catch {
                let cause = SpyglassError.from(error)
                throw SpyglassError(cause.kind, "the report for recipient '\(recipient.name)' failed, so none was sent: \(cause.message)")
            }
        }
        if let outDir {
            try Self.writeFiles(messages.map { ($0.name, $0.text) }, into: outDir)
        } else if let deliver {
            var sent: [String] = []
            for message in messages {
                do {
                    try Self.deliver(message.text, command: deliver, recipient: message.email)
                } catch {
                    let rest = messages.map(\.name).filter { !sent.contains($0) && $0 != message.name }
                    let cause = SpyglassError.from(error)
                    throw SpyglassError(cause.kind, cause.message + "; sent to: \(sent.isEmpty ? "no one" : sent.joined(separator: ", "))"
                                        + "; not sent: \(([message.name] + rest).joined(separator: ", "))")
                }
                sent.append(message.name)
                if let state = states[message.name] { try Self.writeState(state, message.fingerprint) }
            }
            return
        } else if let only = messages.first {
            Output.write(only.text)
            Output.flush()
        }
        for message in messages { if let state = states[message.name] { try Self.writeState(state, message.fingerprint) } }
    }

    /// Writes `USER.eml` files: each to a temporary name first, then all renamed, so a failed write
    /// leaves no message half-written.
    static func writeFiles(_ files: [(name: String, text: String)], into directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpyglassError(.usage, "--out-dir '\(directory)' is not a directory")
        }
        var staged: [(String, String)] = []
        do {
            for file in files {
                let final = (directory as NSString).appendingPathComponent(file.name + ".eml")
                let temporary = final + ".tmp-\(getpid())"
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: temporary))
                staged.append((temporary, final))
            }
            for (temporary, final) in staged {
                if rename(temporary, final) != 0 { throw CocoaError(.fileWriteUnknown) }
            }
        } catch {
            for (temporary, _) in staged { unlink(temporary) }
            throw SpyglassError(.usage, "--out-dir: cannot write the messages into '\(directory)': \(error.localizedDescription)")
        }
    }

    /// Pipes one message into `/bin/sh -c command`; a non-zero exit is a failure naming the recipient.
    static func deliver(_ message: String, command: String, recipient: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw SpyglassError(.usage, "--deliver: cannot run '/bin/sh': \(error.localizedDescription)")
        }
        input.fileHandleForWriting.write(Data(message.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SpyglassError(.model, "--deliver '\(command)' failed (exit \(process.terminationStatus)) for \(recipient)")
        }
    }

    /// Usage problems found before any query runs; returns the parsed alerts.
    private func checkUsage() throws -> [ReportAlert] {
        if !toUsers.isEmpty || outDir != nil || deliver != nil {
            guard format == .email else { throw SpyglassError(.usage, "--to-users, --out-dir and --deliver are only for --format email") }
        }
        if outDir != nil && deliver != nil { throw SpyglassError(.usage, "--out-dir and --deliver cannot be combined: write the messages or send them") }
        if !toUsers.isEmpty && (!to.isEmpty || !cc.isEmpty) {
            throw SpyglassError(.usage, "--to and --cc cannot be combined with --to-users: each message goes only to the user it was run as")
        }
        if format == .email {
            guard !to.isEmpty || !toUsers.isEmpty || options.asUser != nil else {
                throw SpyglassError(.usage, "--format email needs at least one --to address (or --to-users, or --as USER)")
            }
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

    private func render(_ report: Presentation.Report, crossings: [ReportAlert.Crossing], to: [String]) throws -> String {
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

    /// The state file at `path` (refused unless a writable regular file or a new file in a writable
    /// directory) and the key its hash is made with; see `ReportStateFile` for the threat model.
    static func openState(_ path: String) throws -> (file: ReportStateFile, key: [UInt8]) {
        do {
            return (try ReportStateFile(path: path), try ReportStateFile.key())
        } catch {
            throw SpyglassError(.usage, String(describing: error))
        }
    }

    /// Replaces the state file atomically, so a crash mid-write never leaves a hash that matches nothing.
    static func writeState(_ state: (file: ReportStateFile, key: [UInt8]), _ digest: String) throws {
        do {
            try state.file.write(digest)
        } catch {
            throw SpyglassError(.usage, String(describing: error))
        }
    }
}
