/// Encodes rows as the CSV that the staged load's COPY INTO reads: fields separated by commas, text
/// always in double quotes (quotes doubled), NULL as an unquoted `\N`, dates `YYYY-MM-DD`,
/// timestamps `YYYY-MM-DD HH:MM:SS.fffffffff`, booleans `true`/`false`.
struct SnowflakeCSVEncoder {
    var bytes: [UInt8] = []

    mutating func append(_ row: [Value]) {
        for (i, value) in row.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            switch value {
            case .null: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
            case .bool(let b): bytes += Array((b ? "true" : "false").utf8)
            case .int(let n): bytes += Array(String(n).utf8)
            case .double(let d): bytes += Array((d.isFinite ? "\(d)" : d.isNaN ? "NaN" : d > 0 ? "inf" : "-inf").utf8)
            case .decimal(let s): bytes += Array(s.utf8)
            case .string(let s):
                bytes.append(UInt8(ascii: "\""))
                for b in s.utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            case .date(let d): bytes += Array(d.description.utf8)
            case .timestamp(let t):
                bytes += Array(t.description.utf8)
                if t.nanosecond > 0 {
                    let fraction = String(t.nanosecond)
                    bytes += Array(("." + String(repeating: "0", count: 9 - fraction.count) + fraction).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
