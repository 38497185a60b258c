/// Writes rows in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes
/// for backslash, tab, newline and carriage return, one row per line. Works on bytes throughout
/// because this is the bulk-load hot path.
struct CopyTextEncoder {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(row: [Value]) {
        for (i, value) in row.enumerated() {
            if i > 0 { bytes.append(9) }
            append(value)
        }
        bytes.append(10)
    }

    private mutating func append(_ value: Value) {
        switch value {
        case .null:
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
        case .bool(let b):
            bytes.append(b ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .int(let n):
            appendInt(n)
        case .double(let d):
            if d.isNaN {
                appendASCII("NaN")
            } else if d.isInfinite {
                appendASCII(d < 0 ? "-Infinity" : "Infinity")
            } else {
                appendASCII(d.description)  // shortest round-trip text; PostgreSQL reads 1e-05 too
            }
        case .decimal(let text):
            appendEscaped(text)
        case .string(let text):
            appendEscaped(text)
        case .date(let date):
            TemporalFormatter.append(date, to: &bytes)
        case .timestamp(let t):
            TemporalFormatter.append(t, to: &bytes)
        }
    }

    private mutating func appendInt(_ n: Int64) {
        if n == Int64.min {
            appendASCII("-9223372036854775808")
            return
        }
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n < 0 ? -n : n
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 19 digits
        withUnsafeMutableBytes(of: &buffer) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[k]) }
        }
    }

    private mutating func appendASCII(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func appendEscaped(_ s: String) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(92); bytes.append(92)
            case 9: bytes.append(92); bytes.append(UInt8(ascii: "t"))
            case 10: bytes.append(92); bytes.append(UInt8(ascii: "n"))
            case 13: bytes.append(92); bytes.append(UInt8(ascii: "r"))
            default: bytes.append(byte)
            }
        }
    }
}
