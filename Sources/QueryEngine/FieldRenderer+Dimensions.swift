import Foundation
import SemanticModel

extension FieldRenderer {
    /// Renders one dimension by its LookML type.
    func renderDimension(alias: String, field: Field) throws -> DimensionSQL {
        let name = "\(alias).\(field.name)"
        let type = field.type
        if type.hasPrefix("date_") || type == "date" || type == "time" {
            let timeframe = type.hasPrefix("date_") ? String(type.dropFirst(5)) : (type == "date" ? "date" : "time")
            let raw = try rawTimestamp(alias: alias, field: field)
            return try timeframeSQL(timeframe, raw: raw.sql, aliases: raw.aliases, field: name)
        }
        if type.hasPrefix("duration_") {
            return try durationSQL(alias: alias, field: field, interval: String(type.dropFirst(9)))
        }
        if !field.cases.isEmpty { return try caseSQL(alias: alias, field: field) }
        if type == "location", let latitude = field.sqlLatitude, let longitude = field.sqlLongitude {
            // Looker's location value: "latitude,longitude" as text.
            let lat = try expand(latitude, alias: alias, owner: name), lon = try expand(longitude, alias: alias, owner: name)
            let sql = "\(dialect.castToText("(" + lat.sql + ")")) || ',' || \(dialect.castToText("(" + lon.sql + ")"))"
            return DimensionSQL(select: sql, filterColumn: sql, filterType: .string, aliases: lat.aliases.union(lon.aliases))
        }
        if type == "distance" { return try distanceSQL(alias: alias, field: field) }
        let base = try baseSQL(alias: alias, field: field)
        switch type {
        case "yesno":
            let sql = "CASE WHEN \(base.sql) THEN 'Yes' ELSE 'No' END"
            return DimensionSQL(select: sql, filterColumn: sql, filterType: .yesno, aliases: base.aliases)
        case "number":
            return DimensionSQL(select: base.sql, filterColumn: base.sql, filterType: .number, aliases: base.aliases)
        case "tier":
            let sql = try tierSQL(base.sql, field: field, name: name)
            return DimensionSQL(select: sql, filterColumn: sql, filterType: .string, aliases: base.aliases)
        case "location":
            throw QueryError("location dimension '\(name)' needs sql_latitude and sql_longitude")
        case "string", "zipcode", "":
            return DimensionSQL(select: base.sql, filterColumn: base.sql, filterType: .string, aliases: base.aliases)
        default:
            throw QueryError("dimension '\(name)' has type '\(type)', which Spyglass cannot query yet")
        }
    }

    /// The timestamp a time dimension group reads, decoded per `datatype:` and converted to the query
    /// time zone when `convert_tz` is on (dates are calendar days and never converted).
    func rawTimestamp(alias: String, field: Field) throws -> (sql: String, aliases: Set<String>) {
        let base = try baseSQL(alias: alias, field: field)
        var sql = base.sql
        var convertible = true
        switch field.datatype ?? "timestamp" {
        case "timestamp", "datetime": break
        case "date": convertible = false
        case "epoch": sql = try dialect.fromEpoch(sql)
        case "yyyymmdd": sql = try dialect.fromYYYYMMDD(sql); convertible = false
        default: throw QueryError("field '\(alias).\(field.name)' has datatype '\(field.datatype!)'; expected timestamp, datetime, date, epoch or yyyymmdd")
        }
        if field.type == "date" { convertible = false }
        if convertible && field.convertTZ {
            sql = try dialect.convertFromUTC(sql, to: options.queryTimeZone)
        }
        if let shift = timeShift, shift.alias == alias, shift.group == field.group {
            let start = shift.bucket == .week ? try weekStart(sql) : try dialect.truncate(shift.bucket, sql)
            sql = shift.months != 0 ? try dialect.addMonths(start, shift.months) : try dialect.addDays(start, shift.days)
        }
        return (sql, base.aliases)
    }

    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// One Looker timeframe of a timestamp, shaped per the output contract.
    func timeframeSQL(_ timeframe: String, raw ts: String, aliases: Set<String>, field: String) throws -> DimensionSQL {
        func make(_ select: String, _ filterType: FilterFieldType, filterOnRaw: Bool = true) -> DimensionSQL {
            DimensionSQL(select: select, filterColumn: filterOnRaw ? ts : select, filterType: filterType, aliases: aliases)
        }
        func number(_ part: DatePart) throws -> DimensionSQL { make(try dialect.extract(part, ts), .number, filterOnRaw: false) }
        switch timeframe {
        case "raw": return make(ts, .timestamp)
        case "time": return make(try dialect.format(ts, .second), .timestamp)
        case "second": return make(try dialect.format(ts, .second), .timestamp)
        case "minute": return make(try dialect.format(ts, .minute), .timestamp)
        case "hour": return make(try dialect.format(ts, .hour), .timestamp)
        case "date": return make(try dialect.format(ts, .date), .date)
        case "week": return make(try dialect.format(try weekStart(ts), .date), .date)
        case "month": return make(try dialect.format(ts, .month), .date)
        case "quarter":
            let sql = "\(dialect.castToText(try dialect.extract(.year, ts))) || '-Q' || \(dialect.castToText(try dialect.extract(.quarter, ts)))"
            return make(sql, .date)
        case "year": return make(try dialect.extract(.year, ts), .date)
        case "time_of_day": return make(try dialect.format(ts, .timeOfDay), .string, filterOnRaw: false)
        case "hour_of_day": return try number(.hour)
        case "day_of_week_index":
            let start = ctx.model.weekStartDay
            guard start != 0 else { return try number(.dayOfWeekIndex) }
            // Days since the model's week_start_day, without `%` (BigQuery spells it MOD).
            let index = try dialect.extract(.dayOfWeekIndex, ts)
            return make("(CASE WHEN \(index) >= \(start) THEN \(index) - \(start) ELSE \(index) + \(7 - start) END)", .number, filterOnRaw: false)
        case "day_of_month": return try number(.dayOfMonth)
        case "day_of_year": return try number(.dayOfYear)
        case "week_of_year": return try number(.weekOfYear)
        case "month_num": return try number(.month)
        case "minute_of_hour": return try number(.minute)
        case "millisecond": return make(try dialect.formatFraction(ts, digits: 3), .timestamp)
        case "microsecond": return make(try dialect.formatFraction(ts, digits: 6), .timestamp)
        case "hour2", "hour3", "hour4", "hour6", "hour8", "hour12":
            // The bucket's start: the day's start plus whole N-hour steps, shown as `YYYY-MM-DD HH:00`.
            let n = Int(timeframe.dropFirst(4))!
            let start = try dialect.addSeconds(try dialect.truncate(.day, ts), "(\(try dialect.extract(.hour, ts)) / \(n)) * \(n * 3600)")
            return make(try dialect.format(start, .minute), .timestamp)
        case "minute2", "minute3", "minute5", "minute10", "minute15", "minute30":
            // N divides 60, so buckets restart each hour: the hour's start plus whole N-minute steps.
            let n = Int(timeframe.dropFirst(6))!
            let start = try dialect.addSeconds(try dialect.truncate(.hour, ts), "(\(try dialect.extract(.minute, ts)) / \(n)) * \(n * 60)")
            return make(try dialect.format(start, .minute), .timestamp)
        case "fiscal_year", "fiscal_quarter", "fiscal_quarter_of_year", "fiscal_month_num":
            return try fiscalSQL(timeframe, raw: ts, make: make)
        case "day_of_week":
            let index = try dialect.extract(.dayOfWeekIndex, ts)
            let cases = Self.dayNames.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ")
            return make("CASE \(index) \(cases) END", .string, filterOnRaw: false)
        case "month_name":
            let month = try dialect.extract(.month, ts)
            let cases = Self.monthNames.enumerated().map { "WHEN \($0.offset + 1) THEN '\($0.element)'" }.joined(separator: " ")
            return make("CASE \(month) \(cases) END", .string, filterOnRaw: false)
        case "quarter_of_year":
            return make("'Q' || \(dialect.castToText(try dialect.extract(.quarter, ts)))", .string, filterOnRaw: false)
        default:
            throw QueryError("field '\(field)' uses timeframe '\(timeframe)', which Spyglass does not support")
        }
    }

    /// The start of the week holding `ts`, weeks starting on the model's `week_start_day`: the Monday
    /// week of the day shifted forward to the next Monday, shifted back again.
    func weekStart(_ ts: String) throws -> String {
        let start = ctx.model.weekStartDay
        guard start != 0 else { return try dialect.truncate(.week, ts) }
        let shift = 7 - start
        return try dialect.addDays(try dialect.truncate(.week, try dialect.addDays(ts, shift)), -shift)
    }

    /// Fiscal timeframes with the model's `fiscal_month_offset` k: fiscal year N starts in calendar
    /// month (1 + k) of year N (k may be negative or above 11, moving the start into another year).
    /// Written with constants and CASE only, no division or modulo, so every dialect agrees.
    func fiscalSQL(_ timeframe: String, raw ts: String, make: (String, FilterFieldType, Bool) -> DimensionSQL) throws -> DimensionSQL {
        let offset = ctx.model.fiscalMonthOffset
        let within = ((offset % 12) + 12) % 12          // the start month's index in its year, 0…11
        let years = (offset - within) / 12               // whole years the start moves
        let month = try dialect.extract(.month, ts), year = try dialect.extract(.year, ts)
        let fiscalYear = within == 0 && years == 0 ? year
            : "(\(year) - \(years) - (CASE WHEN \(month) <= \(within) THEN 1 ELSE 0 END))"
        let fiscalMonth = within == 0 ? month : "(CASE WHEN \(month) > \(within) THEN \(month) - \(within) ELSE \(month) + \(12 - within) END)"
        let quarter = "(CASE WHEN \(fiscalMonth) <= 3 THEN 1 WHEN \(fiscalMonth) <= 6 THEN 2 WHEN \(fiscalMonth) <= 9 THEN 3 ELSE 4 END)"
        switch timeframe {
        case "fiscal_year": return make(fiscalYear, .date, true)
        case "fiscal_month_num": return make(fiscalMonth, .number, false)
        case "fiscal_quarter_of_year": return make("'Q' || \(dialect.castToText(quarter))", .string, false)
        default: return make("\(dialect.castToText(fiscalYear)) || '-Q' || \(dialect.castToText(quarter))", .date, true)
        }
    }

    /// A `case:` dimension: the first `when` whose condition holds gives the label, else `else:`.
    func caseSQL(alias: String, field: Field) throws -> DimensionSQL {
        let name = "\(alias).\(field.name)"
        var sql = "CASE"
        var aliases: Set<String> = [alias]
        var labels: [String] = []
        for branch in field.cases {
            let condition = try expand(branch.sql, alias: alias, owner: name)
            aliases.formUnion(condition.aliases)
            let label = try dialect.stringLiteral(branch.label)
            sql += " WHEN (\(condition.sql)) THEN \(label)"
            if !labels.contains(label) { labels.append(label) }
        }
        if let other = field.caseElse {
            let label = try dialect.stringLiteral(other)
            sql += " ELSE \(label)"
            if !labels.contains(label) { labels.append(label) }
        }
        sql += " END"
        return DimensionSQL(select: sql, filterColumn: sql, filterType: .string, aliases: aliases,
                            whenOrder: field.alphaSort ? nil : labels)
    }

    /// `type: distance`: the great-circle (haversine) distance between two location fields, in `units`.
    func distanceSQL(alias: String, field: Field) throws -> DimensionSQL {
        let name = "\(alias).\(field.name)"
        guard let startName = field.startLocationField, let endName = field.endLocationField else {
            throw QueryError("distance dimension '\(name)' needs start_location_field and end_location_field")
        }
        func point(_ reference: String) throws -> (lat: String, lon: String, aliases: Set<String>) {
            let (target, location) = try filterField(reference, from: alias, owner: name)
            guard location.type == "location", let lat = location.sqlLatitude, let lon = location.sqlLongitude else {
                throw QueryError("distance dimension '\(name)' names '\(reference)', which is not a location dimension with sql_latitude and sql_longitude")
            }
            let owner = "\(target).\(location.name)"
            let a = try expand(lat, alias: target, owner: owner), b = try expand(lon, alias: target, owner: owner)
            return ("(\(a.sql))", "(\(b.sql))", a.aliases.union(b.aliases))
        }
        let start = try point(startName), end = try point(endName)
        // Mean Earth radius per unit.
        let radius: [String: String] = ["kilometers": "6371.0", "meters": "6371000.0", "miles": "3958.7613",
                                        "feet": "20902259.0", "yards": "6967420.0", "nautical_miles": "3440.0648"]
        let unit = field.units ?? "kilometers"
        guard let r = radius[unit] else {
            throw QueryError("distance dimension '\(name)' has units '\(unit)'; expected \(radius.keys.sorted().joined(separator: ", "))")
        }
        func radians(_ x: String) -> String { "((\(x)) * 0.017453292519943295)" }
        let dLat = "SIN(\(radians("\(end.lat) - \(start.lat)")) / 2)", dLon = "SIN(\(radians("\(end.lon) - \(start.lon)")) / 2)"
        let h = "\(dLat) * \(dLat) + COS(\(radians(start.lat))) * COS(\(radians(end.lat))) * \(dLon) * \(dLon)"
        let sql = "(2 * \(r) * ASIN(SQRT(\(h))))"
        return DimensionSQL(select: sql, filterColumn: sql, filterType: .number, aliases: start.aliases.union(end.aliases))
    }

    /// A `type: duration` interval: whole intervals elapsed from sql_start to sql_end (floored).
    func durationSQL(alias: String, field: Field, interval: String) throws -> DimensionSQL {
        let name = "\(alias).\(field.name)"
        guard let start = field.sqlStart, let end = field.sqlEnd else {
            throw QueryError("duration field '\(name)' needs both sql_start and sql_end")
        }
        let s = try expand(start, alias: alias, owner: name), e = try expand(end, alias: alias, owner: name)
        func decode(_ sql: String) throws -> String {
            switch field.datatype ?? "timestamp" {
            case "epoch": try dialect.fromEpoch(sql)
            case "yyyymmdd": try dialect.fromYYYYMMDD(sql)
            default: sql
            }
        }
        let seconds: Int
        switch interval {
        case "second": seconds = 1
        case "minute": seconds = 60
        case "hour": seconds = 3600
        case "day": seconds = 86_400
        case "week": seconds = 604_800
        case "month", "quarter", "year":
            let dateOnly = field.datatype == "yyyymmdd" || field.datatype == "date"
            let months = try wholeMonths(from: try decode(s.sql), to: try decode(e.sql), dateOnly: dateOnly)
            let sql = interval == "month" ? months : "((\(months)) / \(interval == "quarter" ? 3 : 12))"
            return DimensionSQL(select: sql, filterColumn: sql, filterType: .number, aliases: s.aliases.union(e.aliases))
        default:
            throw QueryError("duration field '\(name)' uses interval '\(interval)', which Spyglass does not support (use second, minute, hour, day, week, month, quarter or year)")
        }
        let elapsed = try dialect.secondsBetween(try decode(s.sql), try decode(e.sql))
        let sql = seconds == 1 ? dialect.floor(elapsed) : dialect.floor("(\(elapsed)) / \(seconds).0")
        return DimensionSQL(select: sql, filterColumn: sql, filterType: .number, aliases: s.aliases.union(e.aliases))
    }

    /// Whole calendar months from `start` to `end`, counted like PostgreSQL's `AGE` (toward zero):
    /// the month-number difference, less one when the end's day-and-time has not yet reached the
    /// start's. Months have no fixed length, so this is done on calendar parts, never on seconds.
    /// Quarters and years divide it with integer division, which also truncates toward zero.
    /// `dateOnly`: the values are dates, which have no time parts to compare (PostgreSQL refuses to
    /// extract an hour from a DATE).
    func wholeMonths(from start: String, to end: String, dateOnly: Bool = false) throws -> String {
        func part(_ p: DatePart, _ ts: String) throws -> String { try dialect.extract(p, ts) }
        func rest(_ ts: String) throws -> String {
            if dateOnly { return try part(.dayOfMonth, ts) }
            return "(\(try part(.dayOfMonth, ts)) * 86400 + \(try part(.hour, ts)) * 3600 + \(try part(.minute, ts)) * 60 + \(try part(.second, ts)))"
        }
        let diff = "(12 * (\(try part(.year, end)) - \(try part(.year, start))) + \(try part(.month, end)) - \(try part(.month, start)))"
        let rs = try rest(start), re = try rest(end)
        return "(CASE WHEN \(diff) > 0 AND \(re) < \(rs) THEN \(diff) - 1 WHEN \(diff) < 0 AND \(re) > \(rs) THEN \(diff) + 1 ELSE \(diff) END)"
    }

    /// Looker's tier buckets as labelled text (`style:` classic, interval, integer or relational).
    func tierSQL(_ value: String, field: Field, name: String) throws -> String {
        let tiers = field.tiers.sorted()
        guard !tiers.isEmpty else { throw QueryError("tier dimension '\(name)' has no tiers") }
        let style = field.tierStyle ?? "classic"
        func num(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }
        func label(_ i: Int) throws -> String {
            let lo: Double? = i == 0 ? nil : tiers[i - 1]
            let hi: Double? = i == tiers.count ? nil : tiers[i]
            switch style {
            case "classic":
                let tag = "T" + (i < 10 ? "0\(i)" : "\(i)")
                return "\(tag) \(lo.map { "[\(num($0))," } ?? "(-inf,")\(hi.map { "\(num($0)))" } ?? "inf)")"
            case "interval":
                return "\(lo.map { "[\(num($0))," } ?? "(-inf,")\(hi.map { "\(num($0)))" } ?? "inf)")"
            case "integer":
                if let lo, let hi { return "\(num(lo)) to \(num(hi - 1))" }
                if let hi { return "Below \(num(hi))" }
                return "\(num(lo!)) or Above"
            case "relational":
                if let lo, let hi { return ">= \(num(lo)) and < \(num(hi))" }
                if let hi { return "< \(num(hi))" }
                return ">= \(num(lo!))"
            default:
                throw QueryError("tier dimension '\(name)' has style '\(style)'; expected classic, interval, integer or relational")
            }
        }
        var sql = "CASE WHEN (\(value)) IS NULL THEN NULL"
        for (i, t) in tiers.enumerated() {
            sql += " WHEN (\(value)) < \(num(t)) THEN \(try dialect.stringLiteral(try label(i)))"
        }
        sql += " ELSE \(try dialect.stringLiteral(try label(tiers.count))) END"
        return sql
    }
}
