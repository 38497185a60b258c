import Foundation
import Warehouse

/// A dashboard's results, ready to render headless: the input of every report format.
///
/// Built by the front end from the dashboard and its tiles' outcomes; holds no failed tile (a report
/// with a failed tile is never rendered, so it can never be sent half empty).
public struct Report: Sendable {
    /// A dashboard filter in effect, as the reader sees it ("Region = EMEA").
    public struct Filter: Sendable {
        public var title: String
        public var value: String

        public init(title: String, value: String) {
            self.title = title
            self.value = value
        }
    }

    /// The dashboard's name (`business_health`).
    public var name: String
    public var title: String
    public var description: String?
    public var filters: [Filter]
    public var tiles: [ReportTile]
    public var generatedAt: Date
    /// The zone dates in the report (the subject's `{date}`, "Generated …") are written in.
    public var timeZone: TimeZone
    /// Lines a reader must see first, e.g. the alerts that made this report go out.
    public var alerts: [String]

    public init(name: String, title: String, description: String? = nil, filters: [Filter] = [],
                tiles: [ReportTile], generatedAt: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                alerts: [String] = []) {
        self.name = name
        self.title = title
        self.description = description
        self.filters = filters
        self.tiles = tiles
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.alerts = alerts
    }

    /// The tiles that ran a query.
    public var queryTiles: [ReportTile] { tiles.filter { $0.table != nil } }

    /// Whether any query tile returned at least one row (`--if-rows`).
    public var hasRows: Bool { tiles.contains { ($0.table?.rows.isEmpty == false) } }

    public func tile(named name: String) -> ReportTile? { tiles.first { $0.name == name } }

    /// The generation date as `YYYY-MM-DD` in `timeZone` (the subject's `{date}`).
    public var dateText: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: generatedAt)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1).description
    }

    /// "2026-11-21 07:00 UTC", for the report's header line.
    public var generatedText: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.hour, .minute], from: generatedAt)
        func pad(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : String(n) }
        let zone = timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
        return "\(dateText) \(pad(p.hour)):\(pad(p.minute)) \(zone)"
    }

    /// A digest of the results alone (not the generation time), for `--if-changed`: two runs that
    /// return the same rows give the same fingerprint. FNV-1a over the JSON of every tile, twice
    /// with different offsets (128 bits); it detects change, it is not a cryptographic hash.
    public var fingerprint: String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func feed(_ text: String) {
            for byte in text.utf8 {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            a = (a ^ 0xff) &* 0x0000_0100_0000_01b3  // separates "ab"+"c" from "a"+"bc"
            b = (b ^ 0xfe) &* 0x0000_0100_0000_01b3
        }
        feed(name)
        for filter in filters { feed(filter.title); feed(filter.value) }
        for tile in tiles {
            feed(tile.name)
            if let table = tile.table { feed(JSONRenderer(table: table).render()) }
            if let body = tile.bodyText { feed(body) }
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }
}
