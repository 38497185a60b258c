import CLibPQ

/// A read-write PostgreSQL session that bulk-loads with `COPY … FROM STDIN` in text format.
final class PostgresLoader: Loader {
    private var conn: OpaquePointer?
    /// COPY data is sent in chunks of about this many bytes: large enough that libpq's per-call
    /// overhead vanishes, small enough to keep memory flat for any number of rows.
    private static let chunkSize = 1 << 20

    init(conninfo: String) throws {
        let conn = try PostgresSession.open(conninfo)
        do {
            // Loaded timestamps have no offset; UTC makes timestamptz columns store them as UTC.
            try PostgresSession.exec(conn, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'")
        } catch {
            PQfinish(conn)
            throw error
        }
        self.conn = conn
    }

    deinit { close() }

    func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    private func session() throws -> OpaquePointer {
        guard let conn else { throw WarehouseError.unsupported("the PostgreSQL loader is closed") }
        return conn
    }

    func execute(_ sql: String) throws {
        try PostgresSession.exec(try session(), sql)
    }

    func load(table: String, columns: [String], rows: some Sequence<[Value]>) throws {
        let conn = try session()
        let columnList = columns.map { PostgresSession.quoteQualified($0) }.joined(separator: ", ")
        let copy = "COPY \(PostgresSession.quoteQualified(table)) (\(columnList)) FROM STDIN"
        guard let start = PQexec(conn, copy) else { throw PostgresSession.connectionError(conn) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let error = PostgresSession.queryError(start, conn: conn)
            PQclear(start)
            throw error
        }
        PQclear(start)

        var encoder = CopyTextEncoder(capacity: Self.chunkSize + 64 * 1024)
        var problem: String?
        var rowNumber = 0
        for row in rows {
            rowNumber += 1
            guard row.count == columns.count else {
                problem = "row \(rowNumber) for table \(table) has \(row.count) values; expected \(columns.count)"
                break
            }
            encoder.append(row: row)
            if encoder.count >= Self.chunkSize {
                guard send(conn, &encoder) else { break }
            }
        }
        if problem == nil, encoder.count > 0 { _ = send(conn, &encoder) }
        let ended = problem.map { PQputCopyEnd(conn, $0) } ?? PQputCopyEnd(conn, nil)
        guard ended == 1 else { throw PostgresSession.connectionErrorOrMessage(conn) }

        var failure: WarehouseError?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil {
                failure = PostgresSession.queryError(result, conn: conn)
            }
            PQclear(result)
        }
        if let problem { throw WarehouseError.unsupported(problem) }
        if let failure { throw failure }
    }

    /// Sends and empties the buffer; false when libpq refused (the error surfaces from the result).
    private func send(_ conn: OpaquePointer, _ encoder: inout CopyTextEncoder) -> Bool {
        let ok = encoder.bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                PQputCopyData(conn, $0, Int32(buffer.count)) == 1
            }
        }
        encoder.removeAll()
        return ok
    }
}
