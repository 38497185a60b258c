import SemanticModel

/// The SQL for one query spec, plus what the caller needs to read its rows.
public struct CompiledQuery: Sendable {
    /// The main statement: dimensions (and pivot dimensions) with their measures, sorted and limited.
    public var sql: String
    /// The main statement's columns in SELECT order.
    public var columns: [OutputColumn]
    /// Measures at the total grain (grouped by the pivot dimensions when pivoting); nil unless asked.
    /// Its columns are the pivot columns then the measure columns, in `columns` order.
    public var totalsSQL: String?
    /// Dimensions and measures at the dimension grain, across all pivot values; nil unless asked for a
    /// pivoted query. Its columns are the dimension columns then the measure columns.
    public var rowTotalsSQL: String?
    /// The distinct pivot values in pivot order, at most `pivotColumnLimit + 1` rows; nil without pivots.
    /// Its columns are the pivot columns. More than `pivotColumnLimit` rows means the main query was
    /// capped to the first `pivotColumnLimit` values (see `pivotCapped(pivotValueRows:)`).
    public var pivotValuesSQL: String?
    /// The cap applied to pivot values in `sql`.
    public var pivotColumnLimit: Int
    /// The LIMIT of the main statement. With pivots this is dimension rows × pivot columns: the spec's
    /// limit counts dimension rows there (the first ones in dimension order), each with all its pivot cells.
    public var rowLimit: Int
    /// The dialect the SQL is written in.
    public var dialect: String
    /// How fan-out was handled, for tests, `EXPLAIN`-style output and the curious.
    public var plan: PlanKind

    /// What runs: `sql`, `totalsSQL`, `rowTotalsSQL` and `pivotValuesSQL` as the warehouse executes them,
    /// with user values bound as parameters where the dialect binds (the `*SQL` texts above show them as
    /// escaped literals, for people). Set by `bindValues(_:)`, which the compiler always calls.
    public var statement = BoundStatement(text: "", parameters: [])
    public var totalsStatement: BoundStatement?
    public var rowTotalsStatement: BoundStatement?
    public var pivotValuesStatement: BoundStatement?

    /// Whether the main query dropped pivot values, given how many rows `pivotValuesSQL` returned.
    public func pivotCapped(pivotValueRows: Int) -> Bool { pivotValuesSQL != nil && pivotValueRows > pivotColumnLimit }

    /// How the statement keeps measures at their own view's grain.
    public enum PlanKind: String, Sendable {
        /// One SELECT … GROUP BY: no measure's rows are multiplied by a join.
        case plain
        /// One aggregate per view group (pre-aggregated at the dimension grain, or over distinct primary
        /// keys where a join still fans the view out), combined on the dimensions.
        case perViewGroups = "per_view_groups"
    }
}

/// One column of a compiled query's result.
public struct OutputColumn: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable { case dimension, pivot, measure }

    /// The field as the user named it: `alias.field`.
    public var name: String
    /// The SQL column alias (unquoted) the database returns.
    public var alias: String
    public var role: Role
    public var field: Field

    public init(name: String, alias: String, role: Role, field: Field) {
        self.name = name
        self.alias = alias
        self.role = role
        self.field = field
    }
}

/// One statement ready to run: its text, with placeholders (`$1`, `?1`) where user values go, and the
/// values bound to them in placeholder order (the first value is `$1`).
public struct BoundStatement: Sendable, Hashable {
    public var text: String
    public var parameters: [String]

    public init(text: String, parameters: [String]) {
        self.text = text
        self.parameters = parameters
    }
}

extension CompiledQuery {
    /// Turns the planner's marked texts (Dialect+Values.swift) into readable SQL and bound statements.
    mutating func bindValues(_ dialect: any Dialect) throws {
        statement = try Self.bind(sql, dialect)
        totalsStatement = try totalsSQL.map { try Self.bind($0, dialect) }
        rowTotalsStatement = try rowTotalsSQL.map { try Self.bind($0, dialect) }
        pivotValuesStatement = try pivotValuesSQL.map { try Self.bind($0, dialect) }
        sql = try Self.readable(sql, dialect)
        totalsSQL = try totalsSQL.map { try Self.readable($0, dialect) }
        rowTotalsSQL = try rowTotalsSQL.map { try Self.readable($0, dialect) }
        pivotValuesSQL = try pivotValuesSQL.map { try Self.readable($0, dialect) }
    }

    static func readable(_ marked: String, _ dialect: any Dialect) throws -> String {
        try ValueMarker.replace(in: marked) { try dialect.stringLiteral($0) }
    }

    static func bind(_ marked: String, _ dialect: any Dialect) throws -> BoundStatement {
        guard dialect.placeholder(1) != nil else { return BoundStatement(text: try readable(marked, dialect), parameters: []) }
        var parameters: [String] = []
        var index: [String: Int] = [:]
        let text = ValueMarker.replace(in: marked) { value in
            let n = index[value] ?? {
                parameters.append(value)
                index[value] = parameters.count
                return parameters.count
            }()
            return dialect.placeholder(n)!
        }
        return BoundStatement(text: text, parameters: parameters)
    }
}
