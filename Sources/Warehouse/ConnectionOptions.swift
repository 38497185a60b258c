/// Session settings applied when a connection opens.
public struct ConnectionOptions: Sendable, Equatable {
    /// Every statement is stopped after this many seconds (`WarehouseError.timeout`); 0, a negative
    /// value or infinity disables it.
    public var statementTimeoutSeconds: Double = 300
    /// Read-only sessions reject writes at the database, not by inspecting SQL text.
    public var readOnly = true

    public init() {}

    public init(statementTimeoutSeconds: Double, readOnly: Bool = true) {
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.readOnly = readOnly
    }

    /// The timeout in whole milliseconds as both databases take it (0 = none). Capped at
    /// PostgreSQL's maximum (about 24.8 days) so a huge value cannot fail the session setup.
    var statementTimeoutMilliseconds: Int {
        guard statementTimeoutSeconds > 0, statementTimeoutSeconds.isFinite else { return 0 }
        let milliseconds = (statementTimeoutSeconds * 1000).rounded()
        return milliseconds >= Double(Int32.max) ? Int(Int32.max) : max(1, Int(milliseconds))
    }

    /// "300 s" / "0.5 s", for error messages.
    var timeoutText: String {
        let s = statementTimeoutSeconds
        return s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
