import Warehouse

/// One table of the demo warehouse: its schema and a factory for its rows.
///
/// Rows are produced lazily (the event table at scale 10 has millions of rows) and in a fixed
/// order, so two builds stream identical bytes to the loader.
struct DemoTable {
    enum ColumnType {
        case int, text, date, timestamp, bool, double

        /// The declared type. SQLite keeps dates as TEXT 'YYYY-MM-DD', timestamps as TEXT
        /// 'YYYY-MM-DD HH:MM:SS' and booleans as 0/1, in columns DECLARED DATE/TIMESTAMP/BOOLEAN so
        /// readers can type them back.
        func sql(postgres: Bool, snowflake: Bool = false) -> String {
            // Snowflake: TIMESTAMP follows the account's TIMESTAMP_TYPE_MAPPING; say NTZ (wall time).
            if snowflake, case .timestamp = self { return "TIMESTAMP_NTZ" }
            return switch self {
            case .int: postgres ? "BIGINT" : "INTEGER"
            case .text: "TEXT"
            case .date: "DATE"
            case .timestamp: "TIMESTAMP"
            case .bool: "BOOLEAN"
            case .double: postgres ? "DOUBLE PRECISION" : "DOUBLE"
            }
        }
    }

    struct Column {
        var name: String
        var type: ColumnType
        init(_ name: String, _ type: ColumnType) {
            self.name = name
            self.type = type
        }
    }

    var name: String
    var columns: [Column]
    /// The first column is always the table's primary key.
    var primaryKey: String { columns[0].name }
    var rows: () -> AnySequence<[Value]>

    /// `CREATE TABLE` with the primary key declared inline on SQLite (an INTEGER PRIMARY KEY is the
    /// rowid: free to maintain) and added after the load on PostgreSQL (faster than a live index).
    func createSQL(postgres: Bool, snowflake: Bool = false) -> String {
        let list = columns.enumerated().map { index, column in
            let key = index == 0 && !postgres ? " PRIMARY KEY" : ""
            return "\(column.name) \(column.type.sql(postgres: postgres || snowflake, snowflake: snowflake))\(key)"
        }
        return "CREATE TABLE \(name) (\(list.joined(separator: ", ")))"
    }
}
