/// What a demo build produced and how fast.
public struct DemoStats: Sendable {
    /// Every table in load order with its row count.
    public var tables: [(name: String, rows: Int)]
    /// Wall-clock seconds for the whole build (generation, DDL, loading, indexes).
    public var seconds: Double

    public init(tables: [(name: String, rows: Int)], seconds: Double) {
        self.tables = tables
        self.seconds = seconds
    }

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }

    /// Rows loaded per second of the whole build.
    public var rowsPerSecond: Double { seconds > 0 ? Double(totalRows) / seconds : 0 }

    public func rows(of table: String) -> Int? { tables.first { $0.name == table }?.rows }
}
