import Foundation

/// The JSON shapes of Snowflake's driver protocol (the one its Go, JDBC, ODBC and Python drivers use)
/// that Spyglass reads. Unknown fields are ignored.
enum SnowflakeProtocol {
    struct Envelope<Payload: Decodable>: Decodable {
        var data: Payload?
        var success: Bool?
        var code: String?
        var message: String?

        enum CodingKeys: String, CodingKey { case data, success, code, message }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            data = try? c.decodeIfPresent(Payload.self, forKey: .data)
            success = try c.decodeIfPresent(Bool.self, forKey: .success)
            // Snowflake sends codes as strings; tolerate numbers.
            if let s = try? c.decodeIfPresent(String.self, forKey: .code) {
                code = s
            } else if let n = try? c.decodeIfPresent(Int.self, forKey: .code) {
                code = String(format: "%06d", n)
            }
            message = try? c.decodeIfPresent(String.self, forKey: .message)
        }
    }

    struct Parameter: Decodable {
        var name: String
        var value: Scalar?
    }

    /// A JSON scalar of unknown type (session parameters carry numbers, strings and booleans).
    enum Scalar: Decodable {
        case string(String), number(Double), bool(Bool)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else { self = .string(try c.decode(String.self)) }
        }

        var number: Double? {
            switch self {
            case .number(let n): n
            case .string(let s): Double(s)
            case .bool: nil
            }
        }
    }

    struct LoginData: Decodable {
        var token: String?
        var masterToken: String?
        var parameters: [Parameter]?
    }

    struct Chunk: Decodable {
        var url: String
        var rowCount: Int?
    }

    struct QueryData: Decodable {
        var rowtype: [SnowflakeRowType]?
        var rowset: [[String?]]?
        var rowsetBase64: String?
        var queryResultFormat: String?
        var chunks: [Chunk]?
        var chunkHeaders: [String: String]?
        var qrmk: String?
        var queryId: String?
        var getResultUrl: String?
        var total: Int?
        var sqlState: String?
        var errorCode: String?
        var stageInfo: StageInfo?
        var encryptionMaterial: Present?
    }

    /// What a PUT command answers: where to upload the file.
    struct StageInfo: Decodable {
        var locationType: String?
        var location: String?
        var presignedUrl: String?
    }

    /// Decodes to non-nil whenever the field is present and not null, whatever its shape.
    struct Present: Decodable {
        init(from decoder: Decoder) throws {}
    }

    static let inProgressCodes: Set<String> = ["333333", "333334"]

    /// Binds for query-request: 1-based positions → Snowflake type and text value (or, for an array
    /// bind, one text value per row).
    struct Binding {
        var type: String
        var values: [String?]
        var isArray: Bool

        var json: [String: Any] {
            ["type": type, "value": isArray ? values.map { $0 as Any? ?? NSNull() } as [Any] : (values.first.flatMap { $0 } as Any? ?? NSNull())]
        }

        /// The Snowflake bind type and text of a value (dates in epoch milliseconds, timestamps in
        /// epoch nanoseconds, as the drivers send them).
        static func encode(_ value: Value) -> (type: String, text: String?) {
            switch value {
            case .null: return ("TEXT", nil)
            case .bool(let b): return ("BOOLEAN", b ? "true" : "false")
            case .int(let n): return ("FIXED", String(n))
            case .double(let d): return ("REAL", d.isFinite ? String(d) : (d.isNaN ? "NaN" : (d > 0 ? "inf" : "-inf")))
            case .decimal(let s): return ("TEXT", s)
            case .string(let s): return ("TEXT", s)
            case .date(let d):
                let day = Int64(Civil.dayNumber(year: d.year, month: d.month, day: d.day))
                return ("DATE", String(day * 86_400_000))
            case .timestamp(let t):
                let day = Int64(Civil.dayNumber(year: t.date.year, month: t.date.month, day: t.date.day))
                let seconds = day * 86_400 + Int64(t.hour * 3600 + t.minute * 60 + t.second)
                return ("TIMESTAMP_NTZ", String(seconds * 1_000_000_000 + Int64(t.nanosecond)))
            }
        }
    }
}

import Gregorian
