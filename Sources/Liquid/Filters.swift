import Foundation

/// One filter call's input, arguments and where it was written.
struct FilterInput {
    var value: LiquidValue
    var arguments: [LiquidValue]
    var keywords: [String: LiquidValue]
    var location: LiquidLocation
    var name: String

    func argument(_ i: Int) -> LiquidValue? { i < arguments.count ? arguments[i] : nil }

    func required(_ i: Int) throws -> LiquidValue {
        guard let a = argument(i) else {
            throw LiquidError("filter '\(name)' needs \(i + 1) argument\(i == 0 ? "" : "s")", at: location)
        }
        return a
    }

    func fail(_ message: String) -> LiquidError { LiquidError("filter '\(name)': \(message)", at: location) }
}

/// Shopify Liquid's standard filters (the common ones) and Looker's `sql_quote`.
enum Filters {
    typealias Filter = @Sendable (FilterInput) throws -> LiquidValue

    static let builtin: [String: Filter] = {
        var f: [String: Filter] = [:]
        func string(_ name: String, _ body: @escaping @Sendable (String, FilterInput) throws -> String) {
            f[name] = { .string(try body($0.value.text, $0)) }
        }
        // Text
        string("downcase") { s, _ in s.lowercased() }
        string("upcase") { s, _ in s.uppercased() }
        string("capitalize") { s, _ in s.prefix(1).uppercased() + s.dropFirst().lowercased() }
        string("strip") { s, _ in s.trimmingCharacters(in: .whitespacesAndNewlines) }
        string("lstrip") { s, _ in String(s.drop(while: \.isWhitespace)) }
        string("rstrip") { s, _ in String(s.reversed().drop(while: \.isWhitespace).reversed()) }
        string("append") { s, i in s + (try i.required(0)).text }
        string("prepend") { s, i in (try i.required(0)).text + s }
        string("replace") { s, i in try replace(s, i.required(0).text, with: i.argument(1)?.text ?? "", all: true) }
        string("replace_first") { s, i in try replace(s, i.required(0).text, with: i.argument(1)?.text ?? "", all: false) }
        string("remove") { s, i in try replace(s, i.required(0).text, with: "", all: true) }
        string("remove_first") { s, i in try replace(s, i.required(0).text, with: "", all: false) }
        string("escape") { s, _ in escapeHTML(s) }
        string("url_encode") { s, _ in urlEncode(s) }
        string("strip_html") { s, _ in stripHTML(s) }
        string("strip_newlines") { s, _ in s.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "") }
        string("newline_to_br") { s, _ in s.replacingOccurrences(of: "\r\n", with: "<br />\n").replacingOccurrences(of: "(?<!<br />)\n", with: "<br />\n", options: .regularExpression) }
        string("sql_quote") { s, _ in "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        string("truncate") { s, i in
            let length = try int(i.argument(0) ?? .int(50), i)
            let ellipsis = i.argument(1)?.text ?? "..."
            guard s.count > length else { return s }
            return String(s.prefix(max(0, length - ellipsis.count))) + ellipsis
        }
        string("truncatewords") { s, i in
            let count = max(1, try int(i.argument(0) ?? .int(15), i))
            let ellipsis = i.argument(1)?.text ?? "..."
            let words = s.split(whereSeparator: \.isWhitespace)
            guard words.count > count else { return s }
            return words.prefix(count).joined(separator: " ") + ellipsis
        }
        f["split"] = { i in
            let s = i.value.text
            let separator = try i.required(0).text
            var parts: [String]
            if separator.isEmpty {
                parts = s.map(String.init)
            } else if separator == " " {
                parts = s.split(whereSeparator: \.isWhitespace).map(String.init)
            } else {
                parts = s.components(separatedBy: separator)
                // Ruby's split drops trailing empty fields.
                while parts.last == "" { parts.removeLast() }
            }
            return .array(parts.map { .string($0) })
        }
        f["size"] = { i in
            switch i.value {
            case .string(let s, _): return .int(s.count)
            case .array(let a): return .int(a.count)
            case .hash(let h): return .int(h.count)
            default: return .int(0)
            }
        }
        f["default"] = { i in
            let allowFalse = i.keywords["allow_false"]?.isTruthy ?? false
            let v = i.value
            if case .bool(false) = v, allowFalse { return v }
            return !v.isTruthy || v.isEmptyValue ? (i.argument(0) ?? .nil) : v
        }
        // Numbers
        f["plus"] = { try arithmetic($0, +, +) }
        f["minus"] = { try arithmetic($0, -, -) }
        f["times"] = { try arithmetic($0, *, *) }
        f["divided_by"] = { i in
            let divisor = try i.required(0).number
            if case .int(0) = divisor { throw i.fail("divided by 0") }
            if case .int(let a) = i.value.number, case .int(let b) = divisor {
                // Ruby's integer division floors.
                let q = a / b
                return .int((a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q)
            }
            let d = divisor.doubleValue ?? 0
            return .double((i.value.number.doubleValue ?? 0) / d)
        }
        f["modulo"] = { i in
            let divisor = try i.required(0).number
            if case .int(0) = divisor { throw i.fail("divided by 0") }
            if case .int(let a) = i.value.number, case .int(let b) = divisor {
                let r = a % b
                return .int(r != 0 && (r < 0) != (b < 0) ? r + b : r)
            }
            let a = i.value.number.doubleValue ?? 0, b = divisor.doubleValue ?? 0
            let r = a.truncatingRemainder(dividingBy: b)
            return .double(r != 0 && (r < 0) != (b < 0) ? r + b : r)
        }
        f["abs"] = { i in
            switch i.value.number {
            case .int(let n): return .int(abs(n))
            case .double(let d): return .double(abs(d))
            default: return .int(0)
            }
        }
        f["ceil"] = { i in .int(Int((i.value.number.doubleValue ?? 0).rounded(.up))) }
        f["floor"] = { i in .int(Int((i.value.number.doubleValue ?? 0).rounded(.down))) }
        f["round"] = { i in
            let digits = try int(i.argument(0) ?? .int(0), i)
            let n = i.value.number
            if case .int = n { return n }
            let d = n.doubleValue ?? 0
            if digits <= 0 { return .int(Int(d.rounded(.toNearestOrAwayFromZero))) }
            let scale = pow(10.0, Double(digits))
            return .double((d * scale).rounded(.toNearestOrAwayFromZero) / scale)
        }
        // Arrays
        f["join"] = { i in
            let separator = i.argument(0)?.text ?? " "
            guard case .array(let a) = i.value else { return .string(i.value.text) }
            return .string(a.map(\.text).joined(separator: separator))
        }
        f["first"] = { i in
            guard case .array(let a) = i.value else { return .nil }
            return a.first ?? .nil
        }
        f["last"] = { i in
            guard case .array(let a) = i.value else { return .nil }
            return a.last ?? .nil
        }
        f["reverse"] = { i in
            guard case .array(let a) = i.value else { return i.value }
            return .array(a.reversed())
        }
        f["compact"] = { i in
            let property = i.argument(0)
            return .array(try array(i).filter { item in
                let v = try property.map { try item.member($0) } ?? item
                if case .nil = v { return false }
                return true
            })
        }
        f["uniq"] = { i in
            let property = i.argument(0)
            var seen: [LiquidValue] = []
            var out: [LiquidValue] = []
            for item in try array(i) {
                let key = try property.map { try item.member($0) } ?? item
                if !seen.contains(where: { LiquidValue.equal($0, key) }) {
                    seen.append(key)
                    out.append(item)
                }
            }
            return .array(out)
        }
        f["sort"] = { i in
            let property = i.argument(0)
            let items = try array(i)
            let keys = try items.map { item in try property.map { try item.member($0) } ?? item }
            var failure: LiquidError?
            let order = items.indices.sorted { x, y in
                let a = keys[x], b = keys[y]
                // nil sorts last, as Liquid's nil-safe sort does.
                if case .nil = a { return false }
                if case .nil = b { return true }
                guard let o = LiquidValue.order(a, b) else {
                    failure = i.fail("cannot compare \(a.kindName) with \(b.kindName)")
                    return false
                }
                return o < 0 || (o == 0 && x < y)
            }
            if let failure { throw failure }
            return .array(order.map { items[$0] })
        }
        f["map"] = { i in
            let property = try i.required(0)
            return .array(try array(i).map { try $0.member(property) })
        }
        f["where"] = { i in
            let property = try i.required(0)
            let target = i.argument(1)
            return .array(try array(i).filter { item in
                let v = try item.member(property)
                return target.map { LiquidValue.equal(v, $0) } ?? v.isTruthy
            })
        }
        f["concat"] = { i in
            guard case .array(let other) = try i.required(0) else { throw i.fail("expects an array argument") }
            return .array(try array(i) + other)
        }
        f["slice"] = { i in
            var start = try int(try i.required(0), i)
            let length = try int(i.argument(1) ?? .int(1), i)
            if case .array(let a) = i.value {
                if start < 0 { start += a.count }
                guard start >= 0, start < a.count, length > 0 else { return .array([]) }
                return .array(Array(a[start..<min(a.count, start + length)]))
            }
            let chars = Array(i.value.text)
            if start < 0 { start += chars.count }
            guard start >= 0, start < chars.count, length > 0 else { return .string("") }
            return .string(String(chars[start..<min(chars.count, start + length)]))
        }
        f["date"] = { i in
            guard let format = i.argument(0)?.text, !format.isEmpty else { return i.value }
            guard let date = parseDate(i.value) else { return i.value }
            return .string(strftime(date, format))
        }
        return f
    }()

    static func int(_ v: LiquidValue, _ i: FilterInput) throws -> Int {
        switch v.number {
        case .int(let n): return n
        case .double(let d) where d.isFinite && abs(d) < 1e18: return Int(d)
        default: throw i.fail("expects an integer, got '\(v.text)'")
        }
    }

    static func array(_ i: FilterInput) throws -> [LiquidValue] {
        switch i.value {
        case .array(let a): return a
        case .nil: return []
        case .hash: return [i.value]
        default: throw i.fail("expects an array, got a \(i.value.kindName)")
        }
    }

    static func arithmetic(_ i: FilterInput, _ ints: (Int, Int) -> (Int), _ doubles: (Double, Double) -> Double) throws -> LiquidValue {
        let a = i.value.number, b = try i.required(0).number
        if case .int(let x) = a, case .int(let y) = b {
            // Overflow falls back to floating point, as Ruby's integers would grow instead.
            let (r, overflow): (Int, Bool) = switch i.name {
            case "plus": x.addingReportingOverflow(y)
            case "minus": x.subtractingReportingOverflow(y)
            default: x.multipliedReportingOverflow(by: y)
            }
            if !overflow { return .int(r) }
            return .double(doubles(Double(x), Double(y)))
        }
        return .double(doubles(a.doubleValue ?? 0, b.doubleValue ?? 0))
    }

    static func replace(_ s: String, _ target: String, with replacement: String, all: Bool) throws -> String {
        guard !target.isEmpty else { return all ? s : replacement + s }
        if all { return s.replacingOccurrences(of: target, with: replacement) }
        guard let r = s.range(of: target) else { return s }
        return s.replacingCharacters(in: r, with: replacement)
    }

    static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Ruby's `CGI.escape`: unreserved bytes stay, space becomes `+`, the rest `%XX`.
    static func urlEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            case UInt8(ascii: " "): out += "+"
            default: out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    static func stripHTML(_ s: String) -> String {
        var t = s
        for pattern in ["(?is)<script.*?</script>", "(?is)<style.*?</style>", "(?s)<!--.*?-->", "(?s)<.*?>"] {
            t = t.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        return t
    }

    // MARK: date

    static let utc = TimeZone(identifier: "UTC")!

    /// "now"/"today", a Unix time, or an ISO-style date or timestamp (read as UTC).
    static func parseDate(_ v: LiquidValue) -> Date? {
        switch v {
        case .int(let n): return Date(timeIntervalSince1970: TimeInterval(n))
        case .double(let d): return Date(timeIntervalSince1970: d)
        case .string(let raw, _):
            let s = raw.trimmingCharacters(in: .whitespaces)
            if s == "now" || s == "today" { return Date() }
            if let n = Int(s) { return Date(timeIntervalSince1970: TimeInterval(n)) }
            let digits = s.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard digits.count >= 3, s.count >= 8, s.first?.isNumber == true else { return nil }
            var c = DateComponents()
            c.timeZone = utc
            c.year = digits[0]; c.month = digits[1]; c.day = digits[2]
            c.hour = digits.count > 3 ? digits[3] : 0
            c.minute = digits.count > 4 ? digits[4] : 0
            c.second = digits.count > 5 ? digits[5] : 0
            guard (1...12).contains(c.month!), (1...31).contains(c.day!) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = utc
            return calendar.date(from: c)
        default: return nil
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Ruby's `strftime` for the common directives, in UTC.
    static func strftime(_ date: Date, _ format: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let year = c.year!, month = c.month!, day = c.day!, hour = c.hour!, minute = c.minute!, second = c.second!
        let weekday = c.weekday! - 1
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        func pad(_ n: Int, _ width: Int = 2, _ fill: Character = "0") -> String {
            let s = String(n)
            return String(repeating: fill, count: max(0, width - s.count)) + s
        }
        var out = ""
        var it = format.makeIterator()
        while let ch = it.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let d = it.next() else { out.append("%"); break }
            switch d {
            case "Y": out += String(year)
            case "y": out += pad(year % 100)
            case "m": out += pad(month)
            case "-": // %-d, %-m, %-H: no padding
                if let e = it.next() {
                    switch e {
                    case "d": out += String(day)
                    case "m": out += String(month)
                    case "H": out += String(hour)
                    case "I": out += String(hour % 12 == 0 ? 12 : hour % 12)
                    default: out += "%-" + String(e)
                    }
                }
            case "d": out += pad(day)
            case "e": out += pad(day, 2, " ")
            case "j": out += pad(dayOfYear, 3)
            case "H": out += pad(hour)
            case "I": out += pad(hour % 12 == 0 ? 12 : hour % 12)
            case "l": out += pad(hour % 12 == 0 ? 12 : hour % 12, 2, " ")
            case "M": out += pad(minute)
            case "S": out += pad(second)
            case "p": out += hour < 12 ? "AM" : "PM"
            case "P": out += hour < 12 ? "am" : "pm"
            case "B": out += monthNames[month - 1]
            case "b", "h": out += String(monthNames[month - 1].prefix(3))
            case "A": out += dayNames[weekday]
            case "a": out += String(dayNames[weekday].prefix(3))
            case "u": out += String(weekday == 0 ? 7 : weekday)
            case "w": out += String(weekday)
            case "F": out += "\(year)-\(pad(month))-\(pad(day))"
            case "T": out += "\(pad(hour)):\(pad(minute)):\(pad(second))"
            case "D": out += "\(pad(month))/\(pad(day))/\(pad(year % 100))"
            case "s": out += String(Int(date.timeIntervalSince1970))
            case "Z": out += "UTC"
            case "z": out += "+0000"
            case "%": out += "%"
            default: out += "%" + String(d)
            }
        }
        return out
    }
}
