/// The bytes of one record batch's body, shared by all of its columns.
final class ArrowBody: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// One column of a record batch (or a child of a struct column). Every buffer range and every
/// offset was checked when the batch was read, so the accessors cannot read outside the body; the
/// row index must be in `0..<length`.
public struct ArrowArray: Sendable {
    public let field: ArrowField
    public let length: Int
    public let nullCount: Int
    public let children: [ArrowArray]
    let body: ArrowBody
    /// Byte ranges in `body`: the validity bitmap (nil when no value is null), values (fixed-width
    /// values, bits or variable-width data), offsets (variable-width types only).
    let validity: Int?
    let values: Int
    let offsets: Int

    init(field: ArrowField, length: Int, nullCount: Int, children: [ArrowArray], body: ArrowBody,
         validity: Int?, values: Int, offsets: Int) {
        self.field = field
        self.length = length
        self.nullCount = nullCount
        self.children = children
        self.body = body
        self.validity = validity
        self.values = values
        self.offsets = offsets
    }

    public var type: ArrowType { field.type }

    @inline(__always)
    private func bit(_ start: Int, _ i: Int) -> Bool {
        body.bytes[start + i >> 3] & (1 << UInt8(i & 7)) != 0
    }

    public func isNull(_ i: Int) -> Bool {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        if case .null = field.type { return true }
        guard let validity else { return false }
        return !bit(validity, i)
    }

    private func loadUnsigned(_ position: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        body.bytes.withUnsafeBytes { raw in
            switch width {
            case 1: v = UInt64(raw[position])
            case 2: v = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt16.self)))
            case 4: v = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            default: v = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            }
        }
        return v
    }

    /// The integer in an int, date, time or timestamp column (any width, sign-extended), or the low
    /// 64 bits of a decimal's unscaled value.
    public func int64(_ i: Int) -> Int64 {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        switch field.type {
        case .int(let width, let signed):
            let raw = loadUnsigned(values + i * (width / 8), width / 8)
            guard signed, width < 64 else { return Int64(bitPattern: raw) }
            let shift = UInt64(64 - width)
            return Int64(bitPattern: raw << shift) >> Int64(shift)
        case .date(let unit):
            let width = unit == 0 ? 4 : 8
            let raw = loadUnsigned(values + i * width, width)
            return width == 4 ? Int64(Int32(truncatingIfNeeded: raw)) : Int64(bitPattern: raw)
        case .time(_, let width):
            let raw = loadUnsigned(values + i * (width / 8), width / 8)
            return width == 32 ? Int64(Int32(truncatingIfNeeded: raw)) : Int64(bitPattern: raw)
        case .timestamp:
            return Int64(bitPattern: loadUnsigned(values + i * 8, 8))
        case .decimal(_, _, let width):
            let raw = loadUnsigned(values + i * (width / 8), min(8, width / 8))
            if width == 32 { return Int64(Int32(truncatingIfNeeded: raw)) }
            return Int64(bitPattern: raw)
        default:
            preconditionFailure("int64 read from a \(field.type) column")
        }
    }

    public func double(_ i: Int) -> Double {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        guard case .float(let width) = field.type else { preconditionFailure("double read from a \(field.type) column") }
        let raw = loadUnsigned(values + i * (width / 8), width / 8)
        return width == 32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))) : Double(bitPattern: raw)
    }

    public func bool(_ i: Int) -> Bool {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        guard case .bool = field.type else { preconditionFailure("bool read from a \(field.type) column") }
        return bit(values, i)
    }

    /// The bytes of a utf8, binary or fixed-size binary value.
    public func bytes(_ i: Int) -> ArraySlice<UInt8> {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        switch field.type {
        case .utf8, .binary:
            let start = Int(loadUnsigned(offsets + 4 * i, 4))
            let end = Int(loadUnsigned(offsets + 4 * i + 4, 4))
            return body.bytes[(values + start)..<(values + end)]
        case .largeUTF8, .largeBinary:
            let start = Int(loadUnsigned(offsets + 8 * i, 8))
            let end = Int(loadUnsigned(offsets + 8 * i + 8, 8))
            return body.bytes[(values + start)..<(values + end)]
        case .fixedSizeBinary(let width):
            return body.bytes[(values + i * width)..<(values + (i + 1) * width)]
        default:
            preconditionFailure("bytes read from a \(field.type) column")
        }
    }

    public func string(_ i: Int) -> String {
        String(decoding: bytes(i), as: UTF8.self)
    }

    /// A decimal's unscaled value as two's-complement halves (decimal32/64 are sign-extended).
    public func decimalParts(_ i: Int) -> (high: Int64, low: UInt64) {
        precondition(i >= 0 && i < length, "row \(i) out of 0..<\(length)")
        guard case .decimal(_, _, let width) = field.type else { preconditionFailure("decimal read from a \(field.type) column") }
        if width < 128 {
            let low = int64(i)
            return (low < 0 ? -1 : 0, UInt64(bitPattern: low))
        }
        let p = values + i * 16
        return (Int64(bitPattern: loadUnsigned(p + 8, 8)), loadUnsigned(p, 8))
    }

    /// A decimal value as exact text with the column's scale (`-12.50`), or an integer column's value
    /// divided by 10^`scale` (how Snowflake sends NUMBER(p, s) in narrow integers).
    public func decimalText(_ i: Int, scale: Int? = nil) -> String {
        let parts: (high: Int64, low: UInt64)
        let columnScale: Int
        switch field.type {
        case .decimal(_, let s, _):
            parts = decimalParts(i)
            columnScale = scale ?? s
        case .int:
            let v = int64(i)
            parts = (v < 0 ? -1 : 0, UInt64(bitPattern: v))
            columnScale = scale ?? 0
        default:
            preconditionFailure("decimal text read from a \(field.type) column")
        }
        return DecimalText.format(high: parts.high, low: parts.low, scale: columnScale)
    }
}

/// Exact text for a 128-bit two's-complement integer scaled by a power of ten.
public enum DecimalText {
    public static func format(high: Int64, low: UInt64, scale: Int) -> String {
        let negative = high < 0
        var hi = UInt64(bitPattern: high)
        var lo = low
        if negative {
            // Two's-complement negation of the 128-bit value.
            hi = ~hi
            lo = ~lo
            let (sum, overflow) = lo.addingReportingOverflow(1)
            lo = sum
            if overflow { hi &+= 1 }
        }
        var digits: [UInt8] = []
        repeat {
            // Divide the 128-bit magnitude by 10^18, keeping the remainder's 18 digits.
            let chunk: UInt64 = 1_000_000_000_000_000_000
            let (qh, rh) = hi.quotientAndRemainder(dividingBy: chunk)
            let (ql, rl) = chunk.dividingFullWidth((rh, lo))
            hi = qh
            lo = ql
            var r = rl
            let last = hi == 0 && lo == 0
            var produced = 0
            while produced < 18 && (!last || r > 0 || produced == 0) {
                digits.append(UInt8(ascii: "0") + UInt8(r % 10))
                r /= 10
                produced += 1
            }
        } while hi != 0 || lo != 0
        // `digits` is least significant first.
        if scale > 0 {
            while digits.count <= scale { digits.append(UInt8(ascii: "0")) }
            digits.insert(UInt8(ascii: "."), at: scale)
        } else if scale < 0 {
            digits.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: -scale), at: 0)
        }
        if negative { digits.append(UInt8(ascii: "-")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

/// One record batch: `length` rows, one array per schema field.
public struct ArrowRecordBatch: Sendable {
    public let length: Int
    public let columns: [ArrowArray]
}
