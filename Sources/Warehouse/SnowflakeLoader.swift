import Foundation

/// A read-write Snowflake session for the demo generator and fixtures. `load` inserts with array
/// binds (one INSERT … VALUES (?, …) per batch of rows, each bind a column of values), which
/// Snowflake runs as one statement per batch. When the server's PUT answers with a plain presigned
/// upload URL and no client-side encryption (fakesnow does; Snowflake's own stages require
/// encrypted uploads to S3/Azure/GCS), rows go as CSV files through a temporary stage and COPY INTO
/// instead, which is orders of magnitude faster there.
final class SnowflakeLoader: Loader {
    private var connection: SnowflakeConnection?
    /// nil until the first load asks the server; then whether PUT to a presigned URL works.
    private var staging: Bool?
    /// Rows per staged CSV file.
    static let stagedRows = 100_000
    /// Rows per INSERT. Snowflake takes array binds of any size inline; a bounded batch keeps each
    /// request a few megabytes.
    static let batchRows = 5_000

    /// `staging` forces a load path (tests); nil asks the server once.
    init(url: String, staging: Bool? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        connection = try SnowflakeConnection(url: url, options: ConnectionOptions(statementTimeoutSeconds: 3600, readOnly: false),
                                             environment: environment)
        self.staging = staging
        if staging == true {
            try connection?.run("CREATE TEMPORARY STAGE IF NOT EXISTS \(Self.stage)", bindings: [:], onColumns: { _ in }, onRow: { _ in })
        }
    }

    deinit { close() }

    func close() {
        connection = nil
    }

    private func open() throws -> SnowflakeConnection {
        guard let connection else { throw WarehouseError.unsupported("the Snowflake loader is closed") }
        return connection
    }

    /// Runs each `;`-separated statement in turn (Snowflake's query-request takes one at a time
    /// unless MULTI_STATEMENT_COUNT is set). Semicolons inside quotes do not split.
    func execute(_ sql: String) throws {
        let connection = try open()
        for statement in Self.split(sql) {
            try connection.run(statement, bindings: [:], onColumns: { _ in }, onRow: { _ in })
        }
    }

    func load(table: String, columns: [String], rows: some Sequence<[Value]>) throws {
        let connection = try open()
        if staging == nil { staging = try probeStaging(connection) }
        if staging == true { return try loadStaged(connection, table: table, columns: columns, rows: rows) }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(Self.qualifiedIdentifier(table)) (\(columns.map(Self.identifier).joined(separator: ", "))) VALUES (\(placeholders))"
        try Self.forEachBatch(of: rows, size: Self.batchRows, columns: columns.count, table: table) { batch, _ in
            try connection.run(sql, bindings: Self.arrayBindings(batch, columnCount: columns.count), onColumns: { _ in }, onRow: { _ in })
        }
    }

    /// Hands `rows` to `body` in batches of at most `size`, with the number of rows before each batch;
    /// a row of the wrong width is refused with its number.
    private static func forEachBatch(of rows: some Sequence<[Value]>, size: Int, columns: Int, table: String,
                                     _ body: ([[Value]], Int) throws -> Void) throws {
        var batch: [[Value]] = []
        batch.reserveCapacity(size)
        var rowNumber = 0
        for row in rows {
            rowNumber += 1
            guard row.count == columns else {
                throw WarehouseError.unsupported("row \(rowNumber) for table \(table) has \(row.count) values; expected \(columns)")
            }
            batch.append(row)
            if batch.count >= size {
                try body(batch, rowNumber - batch.count)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch, rowNumber - batch.count) }
    }

    private static let stage = "SPYGLASS_LOAD_STAGE"

    /// Asks the server for an upload URL once; true when it offers an unencrypted presigned URL.
    private func probeStaging(_ connection: SnowflakeConnection) throws -> Bool {
        try connection.run("CREATE TEMPORARY STAGE IF NOT EXISTS \(Self.stage)", bindings: [:], onColumns: { _ in }, onRow: { _ in })
        return try uploadURL(connection, file: "probe.csv") != nil
    }

    private func uploadURL(_ connection: SnowflakeConnection, file: String) throws -> String? {
        var url: String?
        try connection.perform("PUT 'file:///spyglass/\(file)' @\(Self.stage) AUTO_COMPRESS = FALSE", bindings: [:]) { data, _ in
            if let info = data.stageInfo, info.locationType?.uppercased() == "GCS", data.encryptionMaterial == nil {
                url = info.presignedUrl
            }
        }
        return url
    }

    /// fakesnow names CSV columns `column0…column9` but DuckDB calls them `column00…` past ten, so a
    /// COPY of more than ten columns fails there. Wide tables are therefore staged in parts of at most
    /// nine columns plus a row number, each COPYed into a temporary table, then joined into the target.
    static let columnsPerPart = 9

    private func loadStaged(_ connection: SnowflakeConnection, table: String, columns: [String], rows: some Sequence<[Value]>) throws {
        func run(_ sql: String) throws { try connection.run(sql, bindings: [:], onColumns: { _ in }, onRow: { _ in }) }
        let target = Self.qualifiedIdentifier(table)
        let wide = columns.count > 10
        let groups: [Range<Int>] = wide
            ? stride(from: 0, to: columns.count, by: Self.columnsPerPart).map { $0..<min($0 + Self.columnsPerPart, columns.count) }
            : [0..<columns.count]
        let parts = groups.indices.map { "SPYGLASS_PART_\($0)" }
        if wide {
            for (part, group) in zip(parts, groups) {
                let list = group.map { Self.identifier(columns[$0]) }.joined(separator: ", ")
                try run("CREATE OR REPLACE TEMPORARY TABLE \(part) AS SELECT 0::INTEGER AS SPYGLASS_ROW, \(list) FROM \(target) LIMIT 0")
            }
        }
        var fileNumber = 0
        let prefix = "\(table.replacingOccurrences(of: ".", with: "_"))_\(UUID().uuidString.lowercased())"
        try Self.forEachBatch(of: rows, size: Self.stagedRows, columns: columns.count, table: table) { batch, firstRow in
            for (index, group) in groups.enumerated() {
                var encoder = SnowflakeCSVEncoder()
                for (offset, row) in batch.enumerated() {
                    encoder.append(wide ? [.int(Int64(firstRow + offset))] + group.map { row[$0] } : row)
                }
                fileNumber += 1
                let file = "\(prefix)_\(fileNumber).csv"
                guard let url = try uploadURL(connection, file: file) else {
                    throw WarehouseError.unsupported("the Snowflake server stopped offering an upload URL for staging")
                }
                let response = try SnowflakeHTTP.send(.PUT, url, headers: [("Content-Type", "application/octet-stream")], body: encoder.bytes)
                guard (200..<300).contains(response.status) else {
                    throw WarehouseError.cannotConnect("uploading rows for \(table) to the Snowflake stage failed with HTTP \(response.status)")
                }
                let into = wide ? parts[index] : target
                let list = (wide ? ["SPYGLASS_ROW"] : []) + group.map { Self.identifier(columns[$0]) }
                try run("""
                    COPY INTO \(into) (\(list.joined(separator: ", "))) FROM @\(Self.stage)/\(file) \
                    FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' NULL_IF = ('\\\\N') EMPTY_FIELD_AS_NULL = FALSE) FORCE = TRUE
                    """)
            }
        }
        guard wide else { return }
        let select = zip(parts, groups).flatMap { part, group in group.map { "\(part).\(Self.identifier(columns[$0]))" } }
        let joins = parts.dropFirst().map { "JOIN \($0) ON \($0).SPYGLASS_ROW = \(parts[0]).SPYGLASS_ROW" }.joined(separator: " ")
        try run("INSERT INTO \(target) (\(columns.map(Self.identifier).joined(separator: ", "))) SELECT \(select.joined(separator: ", ")) FROM \(parts[0]) \(joins) ORDER BY \(parts[0]).SPYGLASS_ROW")
        for part in parts { try run("DROP TABLE IF EXISTS \(part)") }
    }

    /// One array bind per column; its type is that of the column's first non-NULL value.
    static func arrayBindings(_ rows: [[Value]], columnCount: Int) -> [String: SnowflakeProtocol.Binding] {
        var bindings: [String: SnowflakeProtocol.Binding] = [:]
        for c in 0..<columnCount {
            var type: String?
            var values: [String?] = []
            values.reserveCapacity(rows.count)
            for row in rows {
                let (t, text) = SnowflakeProtocol.Binding.encode(row[c])
                if text != nil, type == nil { type = t }
                values.append(text)
            }
            bindings[String(c + 1)] = SnowflakeProtocol.Binding(type: type ?? "TEXT", values: values, isArray: true)
        }
        return bindings
    }

    /// A plain name (`dim_users`) stays unquoted, so it folds to upper case exactly as it did in the
    /// unquoted CREATE TABLE that made it; anything else is quoted as given.
    static func identifier(_ name: String) -> String {
        let plain = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "$" }
        return plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.table` → each part as `identifier` makes it.
    static func qualifiedIdentifier(_ name: String) -> String {
        name.split(separator: ".").map { identifier(String($0)) }.joined(separator: ".")
    }

    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        for ch in sql {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else if ch == ";" {
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { statements.append(trimmed) }
                current = ""
                continue
            }
            current.append(ch)
        }
        let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { statements.append(trimmed) }
        return statements
    }
}
