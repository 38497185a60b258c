/// A read-write session for building warehouses (the demo generator, test fixtures).
public protocol Loader: AnyObject {
    /// Executes DDL or any other statements (several separated by `;` are allowed).
    func execute(_ sql: String) throws

    /// Appends rows to an existing table as fast as the database allows: one transaction with a
    /// reused prepared INSERT on SQLite, `COPY … FROM STDIN` on PostgreSQL. Each row must have one
    /// value per column, in `columns` order.
    func load(table: String, columns: [String], rows: some Sequence<[Value]>) throws

    /// Closes the session; further calls throw. Also done on deinit.
    func close()
}
