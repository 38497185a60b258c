import CSQLite

/// A read-write SQLite session that bulk-loads inside one transaction with one prepared INSERT.
final class SQLiteLoader: Loader {
    private var db: OpaquePointer?
    /// Reused for date/timestamp text so binding a row allocates nothing.
    private var scratch: [UInt8] = []

    init(path: String) throws {
        db = try SQLiteSession.open(path: path, readOnly: false, create: true)
    }

    deinit { close() }

    func close() {
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    private func session() throws -> OpaquePointer {
        guard let db else { throw WarehouseError.unsupported("the SQLite loader is closed") }
        return db
    }

    func execute(_ sql: String) throws {
        let db = try session()
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(message)
            throw WarehouseError.queryFailed(text)
        }
    }

    func load(table: String, columns: [String], rows: some Sequence<[Value]>) throws {
        let db = try session()
        let names = columns.map(SQLiteSession.quoteQualified).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(SQLiteSession.quoteQualified(table)) (\(names)) VALUES (\(marks))"
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteSession.error(db)
        }
        defer { sqlite3_finalize(statement) }
        try execute("BEGIN IMMEDIATE")
        do {
            var rowNumber = 0
            for row in rows {
                rowNumber += 1
                guard row.count == columns.count else {
                    throw WarehouseError.unsupported(
                        "row \(rowNumber) for table \(table) has \(row.count) values; expected \(columns.count)")
                }
                for (i, value) in row.enumerated() { bind(statement, Int32(i + 1), value) }
                guard sqlite3_step(statement) == SQLITE_DONE else { throw SQLiteSession.error(db) }
                sqlite3_reset(statement)
            }
            try execute("COMMIT")
        } catch {
            sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// Dates and timestamps are stored as ISO text (what SQLite's date functions read); decimals as
    /// text so a TEXT-affinity column (`DECIMAL TEXT`) keeps every digit.
    private func bind(_ s: OpaquePointer, _ i: Int32, _ value: Value) {
        switch value {
        case .null: sqlite3_bind_null(s, i)
        case .bool(let b): sqlite3_bind_int64(s, i, b ? 1 : 0)
        case .int(let n): sqlite3_bind_int64(s, i, n)
        case .double(let d): sqlite3_bind_double(s, i, d)
        case .decimal(let text), .string(let text): bindText(s, i, text)
        case .date(let d):
            scratch.removeAll(keepingCapacity: true)
            TemporalFormatter.append(d, to: &scratch)
            bindScratch(s, i)
        case .timestamp(let t):
            scratch.removeAll(keepingCapacity: true)
            TemporalFormatter.append(t, to: &scratch)
            bindScratch(s, i)
        }
    }

    private func bindScratch(_ s: OpaquePointer, _ i: Int32) {
        scratch.withUnsafeBufferPointer { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(s, i, $0.baseAddress, Int32($0.count), SQLiteSession.transient)
            }
        }
    }

    private func bindText(_ s: OpaquePointer, _ i: Int32, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(s, i, $0.baseAddress, Int32($0.count), SQLiteSession.transient)
            }
        }
    }
}
