/// A number filter condition tree (`>= 5 AND <= 10`, `[1, 10)`, `NOT 66, 99, 4`).
///
/// Numbers are kept as canonical decimal text (`-5.5`, `0.25`) produced by the parser from digits
/// only, so they can be printed into SQL exactly and without any escaping question.
public indirect enum NumberFilterNode: Sendable, Hashable, CustomStringConvertible {
    /// `column <op> value`.
    case compare(NumberComparison, String)
    /// `column = any of the values`.
    case oneOf([String])
    /// An interval; a nil bound is infinite.
    case range(lower: NumberBound?, upper: NumberBound?)
    case isNull
    case isNotNull
    /// Looker's negation: matches rows where the inner condition is false or the column is NULL.
    case not(NumberFilterNode)
    case and([NumberFilterNode])
    case or([NumberFilterNode])

    public var description: String {
        switch self {
        case .compare(let op, let v): "\(op.rawValue)\(v)"
        case .oneOf(let vs): "in(\(vs.joined(separator: ",")))"
        case .range(let lo, let hi):
            (lo.map { ($0.inclusive ? "[" : "(") + $0.value } ?? "(-inf") + ", "
                + (hi.map { $0.value + ($0.inclusive ? "]" : ")") } ?? "inf)")
        case .isNull: "NULL"
        case .isNotNull: "NOT NULL"
        case .not(let n): "NOT(\(n))"
        case .and(let ns): "AND(\(ns.map(\.description).joined(separator: "; ")))"
        case .or(let ns): "OR(\(ns.map(\.description).joined(separator: "; ")))"
        }
    }
}

/// A comparison operator of a number filter.
public enum NumberComparison: String, Sendable, Hashable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// One finite end of a number interval.
public struct NumberBound: Sendable, Hashable {
    public var value: String
    public var inclusive: Bool

    public init(value: String, inclusive: Bool) {
        self.value = value
        self.inclusive = inclusive
    }
}
