import Foundation
import QueryEngine
import SemanticModel
import TestSupport
import Warehouse

/// The users → orders → order_items (+ events, page_views) shop: LookML under Fixtures/shop and the same
/// deterministic rows loaded into a SQLite file and a throwaway PostgreSQL database.
enum ShopFixture {
    static let fixtureRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/shop").path
    }()

    /// The shop project, loaded with the real ProjectLoader.
    static let project: Project = ProjectLoader.load(root: fixtureRoot)

    struct User { var id: Int; var name: String; var state: String?; var age: Int?; var vip: Int; var zip: String; var createdAt: LocalDateTime }
    struct Order { var id: Int; var userID: Int; var status: String?; var amountCents: Int?; var createdAt: LocalDateTime; var shippedAt: LocalDateTime? }
    struct Item { var id: Int; var orderID: Int; var product: String?; var priceCents: Int? }
    struct Event { var id: Int; var userID: Int; var kind: String }
    struct PageView { var userID: Int; var seconds: Int }

    /// Names that look like attacks, so hostile filters have something to (not) match.
    static let names = ["Ada", "O'Brien", "x'); DROP TABLE users; --", "100% Real", "back\\slash", "Zoë", "Émile", "Bob",
                        "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"]

    struct Data {
        var users: [User] = []
        var orders: [Order] = []
        var items: [Item] = []
        var events: [Event] = []
        var pageViews: [PageView] = []
    }

    /// Deterministic rows from a fixed-seed LCG; NULLs sprinkled into states, ages, statuses, amounts, prices.
    static let data: Data = {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func time(_ base: Int) -> LocalDateTime {
            // Days from 2023-01-01 plus a time of day.
            var date = LocalDate(year: 2023, month: 1, day: 1)
            var days = base
            let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            while true {
                let md = monthDays[date.month - 1] + (date.month == 2 && date.year % 4 == 0 ? 1 : 0)
                if days < md - date.day + 1 { date.day += days; break }
                days -= md - date.day + 1
                date.day = 1
                date.month += 1
                if date.month == 13 { date.month = 1; date.year += 1 }
            }
            return LocalDateTime(date: date, hour: next(24), minute: next(60), second: next(60))
        }
        var d = Data()
        let states: [String?] = ["CA", "NY", "TX", nil, "CA", "NY"]
        for i in 0..<names.count {
            d.users.append(User(id: i + 1, name: names[i], state: states[next(states.count)], age: i == 5 ? nil : 18 + next(40),
                                vip: next(3) == 0 ? 1 : 0, zip: String(10000 + next(89999)), createdAt: time(next(700))))
        }
        let statuses: [String?] = ["complete", "pending", "cancelled", "complete", nil, "returned"]
        let products: [String?] = ["apple", "pear", "fig", nil, "apple"]
        for u in d.users {
            for _ in 0..<next(5) {
                let created = time(next(700))
                let shipped: LocalDateTime? = next(4) == 0 ? nil : created.adding(seconds: 3600 * (1 + next(120)) + next(3000))
                let order = Order(id: d.orders.count + 1, userID: u.id, status: statuses[next(statuses.count)],
                                  amountCents: next(7) == 0 ? nil : 100 * next(300) + 1 + next(99), createdAt: created, shippedAt: shipped)
                d.orders.append(order)
                for _ in 0..<next(4) {
                    d.items.append(Item(id: d.items.count + 1, orderID: order.id, product: products[next(products.count)],
                                        priceCents: next(6) == 0 ? nil : 51 + 100 * next(50) + next(49)))
                }
            }
            for _ in 0..<next(6) { d.events.append(Event(id: d.events.count + 1, userID: u.id, kind: ["view", "click", "buy"][next(3)])) }
            for _ in 0..<next(3) { d.pageViews.append(PageView(userID: u.id, seconds: 1 + next(600))) }
        }
        return d
    }()

    static func cents(_ c: Int?) -> Value { c.map { .decimal(String(format: "%d.%02d", $0 / 100, $0 % 100)) } ?? .null }
    static func text(_ s: String?) -> Value { s.map { .string($0) } ?? .null }

    static let ddl = """
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, state TEXT, age INTEGER, vip INTEGER, zip TEXT, created_at TIMESTAMP);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, status TEXT, amount NUMERIC(10,2), created_at TIMESTAMP, shipped_at TIMESTAMP);
        CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER, product TEXT, sale_price NUMERIC(10,2));
        CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER, kind TEXT);
        CREATE TABLE page_views (user_id INTEGER, seconds INTEGER);
        CREATE TABLE "odd table" ("unit price" INTEGER, "select" TEXT, "café" TEXT)
        """

    static func load(into url: String) throws {
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        try loader.execute(ddl)
        let d = data
        try loader.load(table: "users", columns: ["id", "name", "state", "age", "vip", "zip", "created_at"], rows: d.users.map {
            [.int(Int64($0.id)), .string($0.name), text($0.state), $0.age.map { .int(Int64($0)) } ?? .null, .int(Int64($0.vip)), .string($0.zip), .timestamp($0.createdAt)]
        })
        try loader.load(table: "orders", columns: ["id", "user_id", "status", "amount", "created_at", "shipped_at"], rows: d.orders.map {
            [.int(Int64($0.id)), .int(Int64($0.userID)), text($0.status), cents($0.amountCents), .timestamp($0.createdAt), $0.shippedAt.map { .timestamp($0) } ?? .null]
        })
        try loader.load(table: "order_items", columns: ["id", "order_id", "product", "sale_price"], rows: d.items.map {
            [.int(Int64($0.id)), .int(Int64($0.orderID)), text($0.product), cents($0.priceCents)]
        })
        try loader.load(table: "events", columns: ["id", "user_id", "kind"], rows: d.events.map {
            [.int(Int64($0.id)), .int(Int64($0.userID)), .string($0.kind)]
        })
        try loader.load(table: "page_views", columns: ["user_id", "seconds"], rows: d.pageViews.map {
            [.int(Int64($0.userID)), .int(Int64($0.seconds))]
        })
        try loader.load(table: "odd table", columns: ["unit price", "select", "café"], rows: [
            [.int(5), .string("a"), .string("crème")], [.int(7), .string("a"), .null], [.int(11), .string("b"), .string("crème")],
        ])
    }

    /// One executing database with the shop loaded.
    struct Database: @unchecked Sendable {
        var name: String
        var url: String
        var dialect: any Dialect
        var connection: any Connection

        func query(_ sql: String) throws -> ResultSet { try connection.query(sql, maxRows: 100_000) }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: [Database]?
    nonisolated(unsafe) private static var extraTables: Set<String> = []

    /// The shop databases with the tables `load` creates added once per process under `key`.
    static func databases(adding key: String, _ load: (any Loader) throws -> Void) throws -> [Database] {
        let dbs = try databases()
        lock.lock()
        defer { lock.unlock() }
        guard extraTables.insert(key).inserted else { return dbs }
        for db in dbs {
            let loader = try Warehouse.openLoader(db.url)
            defer { loader.close() }
            try load(loader)
        }
        return dbs
    }

    /// SQLite and PostgreSQL, each loaded once per test process.
    static func databases() throws -> [Database] {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let dir = NSTemporaryDirectory() + "spyglass-queryengine-tests-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/shop.db"
        try? FileManager.default.removeItem(atPath: path)
        let sqliteURL = "sqlite:" + path
        try load(into: sqliteURL)
        let pgURL = try TestPostgres.createDatabase(prefix: "shop")
        try load(into: pgURL)
        let dbs = [
            Database(name: "sqlite", url: sqliteURL, dialect: SQLiteDialect(), connection: try Warehouse.connect(sqliteURL)),
            Database(name: "postgres", url: pgURL, dialect: PostgresDialect(), connection: try Warehouse.connect(pgURL)),
        ]
        cached = dbs
        return dbs
    }
}

extension LocalDateTime {
    /// This time plus whole seconds (test data only).
    func adding(seconds: Int) -> LocalDateTime {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let start = cal.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second))!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start.addingTimeInterval(Double(seconds)))
        return LocalDateTime(date: LocalDate(year: c.year!, month: c.month!, day: c.day!), hour: c.hour!, minute: c.minute!, second: c.second!)
    }
}
