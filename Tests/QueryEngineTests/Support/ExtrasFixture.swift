import Foundation
import QueryEngine
import SemanticModel
import Warehouse

/// The `extras` project (Fixtures/extras): timeframe buckets, duration intervals, explore filters,
/// templated filters and parameters over the shop's tables, plus a `spans` table of edge-case
/// start/end pairs loaded next to the shop in the same SQLite file and PostgreSQL database.
enum ExtrasFixture {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/extras").path
    }()

    static let project: Project = ProjectLoader.load(root: root)

    struct Span { var id: Int; var start: LocalDateTime; var end: LocalDateTime? }

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> LocalDateTime {
        LocalDateTime(date: LocalDate(year: y, month: m, day: d), hour: h, minute: mi, second: s)
    }

    /// Month-end clamping, a second short of a year, negative spans, a leap day and a NULL end.
    static let spans: [Span] = [
        Span(id: 1, start: at(2023, 1, 31, 10), end: at(2023, 2, 28, 9)),
        Span(id: 2, start: at(2023, 1, 31, 10), end: at(2023, 3, 1)),
        Span(id: 3, start: at(2023, 1, 15, 12), end: at(2024, 1, 15, 12)),
        Span(id: 4, start: at(2023, 1, 15, 12, 0, 1), end: at(2024, 1, 15, 12)),
        Span(id: 5, start: at(2024, 5, 20), end: at(2023, 1, 10)),
        Span(id: 6, start: at(2024, 5, 10), end: at(2023, 1, 20)),
        Span(id: 7, start: at(2020, 2, 29, 8), end: at(2021, 2, 28, 23)),
        Span(id: 8, start: at(2022, 11, 30, 23, 59, 59), end: at(2023, 5, 31)),
        Span(id: 9, start: at(2023, 6, 1), end: nil),
    ]

    static func epoch(_ t: LocalDateTime) -> Int { DimensionTypeTests.seconds(t) }
    static func ymd(_ t: LocalDateTime) -> Int { t.date.year * 10000 + t.date.month * 100 + t.date.day }

    /// The shop databases with `spans` added (once per process).
    static func databases() throws -> [ShopFixture.Database] {
        try ShopFixture.databases(adding: "spans") { loader in
            try loader.execute("""
                CREATE TABLE spans (id INTEGER PRIMARY KEY, start_at TIMESTAMP, end_at TIMESTAMP, start_epoch BIGINT, end_epoch BIGINT,
                                    start_ymd INTEGER, end_ymd INTEGER)
                """)
            try loader.load(table: "spans", columns: ["id", "start_at", "end_at", "start_epoch", "end_epoch", "start_ymd", "end_ymd"], rows: spans.map { s in
                let endEpoch: Value = s.end.map { .int(Int64(epoch($0))) } ?? .null
                let endYMD: Value = s.end.map { .int(Int64(ymd($0))) } ?? .null
                return [.int(Int64(s.id)), .timestamp(s.start), s.end.map { .timestamp($0) } ?? .null,
                        .int(Int64(epoch(s.start))), endEpoch, .int(Int64(ymd(s.start))), endYMD]
            })
        }
    }

    static func compile(_ spec: QuerySpec, _ dialect: any Dialect, options: CompileOptions = CompileOptions()) throws -> CompiledQuery {
        try QueryCompiler.compile(spec, project: project, dialect: dialect, options: options)
    }
}
