import Foundation
import Presentation
import QueryEngine
import SpyglassCore
import TestSupport
import Warehouse

/// One small model over `accounts` (half of its rows belong to a hidden tenant that
/// `sql_always_where` removes) and a `secrets` table the model never exposes, loaded into SQLite and
/// into PostgreSQL read by two SELECT-only roles: one with the server's default settings and one whose
/// role default *and* URL `options=` turn `standard_conforming_strings` off.
struct HostileFixture: Sendable {
    struct Database: Sendable {
        var name: String
        /// What the workspace connects with.
        var url: String
        /// A superuser (or the SQLite file) for checksums.
        var ownerURL: String
    }

    let projectRoot: String
    let databases: [Database]

    static let names = ["alice", "bob", "O'Brien", "back\\slash", "\\'", "100%", "under_score", "x", "1", "yes", "NULL", "é"]
    static var visibleIDs: Set<Int64> { Set((1...(2 * names.count)).filter { $0 % 2 == 1 }.map(Int64.init)) }

    static let model = """
        connection: "hostile"
        include: "/*.view.lkml"
        include: "/*.dashboard.lookml"
        explore: accounts {
          sql_always_where: ${accounts.tenant} = 'visible' ;;
        }
        """
    static let view = """
        view: accounts {
          sql_table_name: accounts ;;
          dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
          dimension: tenant { type: string sql: ${TABLE}.tenant ;; }
          dimension: name { type: string sql: ${TABLE}.name ;; }
          dimension: amount { type: number sql: ${TABLE}.amount ;; }
          dimension_group: created { type: time timeframes: [date] datatype: date sql: ${TABLE}.created ;; }
          dimension: active { type: yesno sql: ${TABLE}.active ;; }
          parameter: label_param { type: string }
          dimension: echo { type: string sql: {% parameter label_param %} ;; }
          filter: name_filter { type: string }
          dimension: name_matches { type: yesno sql: {% condition name_filter %} ${TABLE}.name {% endcondition %} ;; }
          measure: count { type: count }
        }
        """
    static let dashboard = """
        - dashboard: hostile
          title: Hostile
          layout: newspaper
          filters:
          - name: who
            title: Who
            type: field_filter
            explore: accounts
            field: accounts.name
          elements:
          - name: rows
            title: Rows
            type: looker_grid
            model: hostile
            explore: accounts
            fields: [accounts.id, accounts.count]
            sorts: [accounts.id]
            listen:
              who: accounts.name
        """

    /// Fixture SQL both databases accept (PostgreSQL's superuser session has standard strings on).
    static var dataSQL: String {
        var rows: [String] = []
        for (i, name) in names.enumerated() {
            for tenant in ["visible", "hidden"] {
                let id = 2 * i + (tenant == "visible" ? 1 : 2)
                let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
                let day = String(format: "2024-01-%02d", 1 + id)
                rows.append("(\(id), '\(tenant)', \(quoted), \(id * 10), '\(day)', \(id % 3 == 0 ? "TRUE" : "FALSE"))")
            }
        }
        return """
            CREATE TABLE accounts (id INTEGER PRIMARY KEY, tenant TEXT, name TEXT, amount INTEGER, created DATE, active BOOLEAN);
            INSERT INTO accounts VALUES \(rows.joined(separator: ", "));
            CREATE TABLE secrets (id INTEGER, token TEXT);
            INSERT INTO secrets VALUES (1, 'top-secret-token');
            """
    }

    static func make() throws -> HostileFixture {
        let root = NSTemporaryDirectory() + "spyglass-hostile-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try model.write(toFile: root + "/hostile.model.lkml", atomically: true, encoding: .utf8)
        try view.write(toFile: root + "/accounts.view.lkml", atomically: true, encoding: .utf8)
        try dashboard.write(toFile: root + "/hostile.dashboard.lookml", atomically: true, encoding: .utf8)

        let sqlite = root + "/hostile.db"
        let loader = try Warehouse.openLoader("sqlite:" + sqlite)
        for statement in dataSQL.split(separator: ";") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try loader.execute(String(statement))
        }
        loader.close()

        let owner = try TestPostgres.createDatabase(prefix: "hostile")
        try TestPostgres.execute(dataSQL, in: owner)
        let suffix = owner.split(separator: "/").last.map(String.init) ?? "x"
        let on = try role(owner, name: "ro_on_\(suffix)", standardStrings: nil)
        let off = try role(owner, name: "ro_off_\(suffix)", standardStrings: "off") + "?options=-c%20standard_conforming_strings%3Doff"
        return HostileFixture(projectRoot: root, databases: [
            Database(name: "sqlite", url: "sqlite:" + sqlite, ownerURL: "sqlite:" + sqlite),
            Database(name: "postgres (standard_conforming_strings on)", url: on, ownerURL: owner),
            Database(name: "postgres (standard_conforming_strings off)", url: off, ownerURL: owner),
        ])
    }

    /// A SELECT-only login role, as the README recommends.
    static func role(_ owner: String, name: String, standardStrings: String?) throws -> String {
        var sql = "CREATE ROLE \(name) LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(name);"
        if let standardStrings { sql += " ALTER ROLE \(name) SET standard_conforming_strings = \(standardStrings);" }
        try TestPostgres.execute(sql, in: owner)
        return owner.replacingOccurrences(of: "postgres@", with: "\(name)@")
    }

    /// Every row of every table plus the number of tables (and large objects), read as the owner:
    /// equal before and after means nothing was written.
    static func checksum(_ database: Database) throws -> String {
        let connection = try Warehouse.connect(database.ownerURL)
        var parts: [String] = []
        for table in ["accounts", "secrets"] {
            parts.append("\(try connection.query("SELECT * FROM \(table) ORDER BY id", maxRows: 1000).rows)")
        }
        if database.ownerURL.hasPrefix("sqlite:") {
            parts.append("\(try connection.query("SELECT count(*) FROM sqlite_master", maxRows: 1).rows)")
        } else {
            parts.append("\(try connection.query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace", maxRows: 1).rows)")
            parts.append("\(try connection.query("SELECT count(*) FROM pg_largeobject_metadata", maxRows: 1).rows)")
        }
        return parts.joined(separator: "\n")
    }
}
