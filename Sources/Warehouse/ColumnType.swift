/// The kind of `Value` a column holds. `.unknown` means the database gave no type (a SQLite
/// expression column with no rows); its values are still typed one by one.
public enum ColumnType: String, Hashable, Sendable {
    case bool, int, double, decimal, string, date, timestamp, unknown
}
