import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// The `realworld` project (Fixtures/realworld): shapes public production Looker projects use, over
/// the shop's tables, plus a `places` table of coordinates loaded next to the shop.
enum RealWorldFixture {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/realworld").path
    }()

    static let project: Project = ProjectLoader.load(root: root)

    struct Place { var id: Int; var name: String; var lat: Double?; var lon: Double?; var homeLat: Double; var homeLon: Double }

    /// Cities and where their people live; one spot without coordinates.
    static let places: [Place] = [
        Place(id: 1, name: "Paris", lat: 48.8566, lon: 2.3522, homeLat: 48.8049, homeLon: 2.1204),
        Place(id: 2, name: "Lyon", lat: 45.764, lon: 4.8357, homeLat: 45.75, homeLon: 4.85),
        Place(id: 3, name: "Quito", lat: -0.1807, lon: -78.4678, homeLat: 0.0, homeLon: -78.0),
        Place(id: 4, name: "Nowhere", lat: nil, lon: nil, homeLat: 10.5, homeLon: 20.25),
        Place(id: 5, name: "Sydney", lat: -33.8688, lon: 151.2093, homeLat: -33.9, homeLon: 151.0),
    ]

    /// The shop databases with `places` added (once per process).
    static func databases() throws -> [ShopFixture.Database] {
        try ShopFixture.databases(adding: "places") { loader in
            try loader.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, home_lat DOUBLE PRECISION, home_lon DOUBLE PRECISION)")
            try loader.load(table: "places", columns: ["id", "name", "lat", "lon", "home_lat", "home_lon"], rows: places.map { p in
                [.int(Int64(p.id)), .string(p.name), p.lat.map { .double($0) } ?? .null, p.lon.map { .double($0) } ?? .null,
                 .double(p.homeLat), .double(p.homeLon)]
            })
        }
    }

    /// Compiles, runs and compares with the hand-written SQL for each database (`hand` picks the
    /// text per database name when the two need different spellings).
    @discardableResult
    static func check(_ spec: QuerySpec, options: CompileOptions = CompileOptions(), ordered: Bool = false,
                      hand: (String) -> String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [CompiledQuery] {
        var out: [CompiledQuery] = []
        for db in try databases() {
            out.append(try ResultCheck.check(spec, on: db, hand: hand(db.name), options: options, ordered: ordered,
                                             project: project, sourceLocation: sourceLocation))
        }
        return out
    }

    static func compile(_ spec: QuerySpec, _ dialect: any Dialect = PostgresDialect(), options: CompileOptions = CompileOptions()) throws -> CompiledQuery {
        try QueryCompiler.compile(spec, project: project, dialect: dialect, options: options)
    }
}
