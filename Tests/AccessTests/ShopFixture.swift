import Foundation
import TestSupport
import Warehouse

/// A small shop guarded by access rules, loaded into SQLite and PostgreSQL with the same rows.
///
/// Orders belong to customers in five countries (some orders to no customer at all); the `orders`
/// explore filters rows by the user's `country` attribute, always filters out cancelled orders by
/// default, fans out to order items, and guards the order amount behind `can_see_revenue`.
enum ShopFixture {
    static let countries = ["DE", "FR", "BR", "US", "IT"]
    static let statuses = ["complete", "pending", "cancelled", "returned"]

    struct Customer { var id: Int; var name: String; var country: String }
    struct Order { var id: Int; var customerID: Int; var amount: Int; var status: String }
    struct Item { var id: Int; var orderID: Int; var qty: Int }

    static let customers: [Customer] = (1...60).map { id in
        // A few names a suggestion prefix or a quote could trip over.
        let name = id % 13 == 0 ? "O'Brien \(id)" : id % 11 == 0 ? "50% Off \(id)" : "Customer \(id)"
        return Customer(id: id, name: name, country: countries[id % countries.count])
    }
    /// Customer 61 does not exist: those orders join no customer (country NULL).
    static let orders: [Order] = (1...600).map { id in
        Order(id: id, customerID: (id * 7) % 61 + 1, amount: (id * 37) % 500 + 1, status: statuses[(id * 3) % statuses.count])
    }
    static let items: [Item] = {
        var out: [Item] = []
        for order in orders {
            for k in 0..<(order.id % 4) { out.append(Item(id: out.count + 1, orderID: order.id, qty: (order.id + k) % 5 + 1)) }
        }
        return out
    }()

    static let model = """
        connection: "shop"
        include: "*.view.lkml"
        include: "*.dashboard.lookml"

        access_grant: can_see_revenue {
          user_attribute: can_see_revenue
          allowed_values: ["yes"]
        }

        explore: orders {
          access_filter: {
            field: customers.country
            user_attribute: country
          }
          always_filter: {
            filters: [orders.status: "-cancelled"]
          }
          join: customers {
            sql_on: ${orders.customer_id} = ${customers.id} ;;
            relationship: many_to_one
          }
          join: order_items {
            sql_on: ${order_items.order_id} = ${orders.id} ;;
            relationship: one_to_many
          }
        }

        explore: customers {
          access_filter: {
            field: customers.country
            user_attribute: country
          }
          conditionally_filter: {
            filters: [customers.name: "-%1"]
            unless: [customers.id]
          }
        }

        explore: permitted_orders {
          from: orders
          view_name: orders
          sql_always_where: ${customers.country} = {{ _user_attributes['country'] | sql_quote }} ;;
          join: customers {
            sql_on: ${orders.customer_id} = ${customers.id} ;;
            relationship: many_to_one
          }
        }

        explore: revenue_audit {
          from: orders
          view_name: orders
          required_access_grants: [can_see_revenue]
          access_filter: {
            field: customers.country
            user_attribute: country
          }
          join: customers {
            sql_on: ${orders.customer_id} = ${customers.id} ;;
            relationship: many_to_one
          }
        }
        """

    static let views = """
        view: orders {
          sql_table_name: orders ;;
          dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
          dimension: customer_id { type: number sql: ${TABLE}.customer_id ;; }
          dimension: status { type: string sql: ${TABLE}.status ;; }
          dimension: amount {
            type: number
            sql: ${TABLE}.amount ;;
            required_access_grants: [can_see_revenue]
          }
          dimension: status_label { type: string sql: {% parameter label_prefix %} || ${TABLE}.status ;; }
          parameter: label_prefix { type: string default_value: "s:" }
          measure: count { type: count drill_fields: [id, customers.name, status] }
          measure: big_order_count { type: count filters: [amount: ">100"] }
          measure: total_amount {
            type: sum
            sql: ${amount} ;;
            required_access_grants: [can_see_revenue]
          }
        }

        view: customers {
          sql_table_name: customers ;;
          dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
          dimension: name { type: string sql: ${TABLE}.name ;; }
          dimension: country { type: string sql: ${TABLE}.country ;; }
          measure: count { type: count }
        }

        view: order_items {
          sql_table_name: order_items ;;
          dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
          dimension: order_id { type: number sql: ${TABLE}.order_id ;; }
          dimension: qty { type: number sql: ${TABLE}.qty ;; }
          measure: total_qty { type: sum sql: ${qty} ;; }
        }
        """

    static let dashboard = """
        - dashboard: shop
          title: "Shop"
          filters:
          - name: status
            title: "Status"
            type: field_filter
            default_value: ""
            model: shop
            explore: orders
            field: orders.status
          elements:
          - name: by_country
            title: "Orders by country"
            type: looker_grid
            model: shop
            explore: orders
            fields: [customers.country, orders.count, order_items.total_qty]
            sorts: [customers.country]
            limit: 50
            listen:
              status: orders.status
          - name: by_status
            title: "Orders by status"
            type: looker_grid
            model: shop
            explore: orders
            fields: [orders.status, orders.count]
            sorts: [orders.status]
            limit: 50
            listen:
              status: orders.status
        """

    /// The account running the tests (root in CI): it may impersonate, so tests reach users with --as.
    static let account = String(cString: getpwuid(geteuid())!.pointee.pw_name)

    /// The issue's format, with the test account in root's place (root in CI).
    static let users = """
        default:                 # users not listed get these
          attributes: {}
        users:
          alice:
            email: alice@example.com
            attributes: {country: "DE"}
          bob:
            email: bob@example.com
            attributes: {country: "FR,BR", can_see_revenue: "yes"}
          carol:
            email: carol@example.com
          dave:
            email: dave@example.com
            attributes: {country: "-DE,-US,-IT"}
          erin:
            attributes: {country: "%R"}
          \(account):
            can_impersonate: true
        """

    /// The countries each test user's `country` attribute lets them see.
    static let visible: [String: Set<String>] = ["alice": ["DE"], "bob": ["FR", "BR"]]

    /// Writes the project into a new temporary directory and returns its path.
    static func project(users: String = users) throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-access-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, text) in [("shop.model.lkml", model), ("shop.view.lkml", views), ("shop.dashboard.lookml", dashboard), ("spyglass.users", users)] {
            try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let ddl = """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, amount INTEGER NOT NULL, status TEXT NOT NULL);
        CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, qty INTEGER NOT NULL)
        """

    static func load(_ url: String) throws {
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        try loader.execute(ddl)
        try loader.load(table: "customers", columns: ["id", "name", "country"],
                        rows: customers.map { [.int(Int64($0.id)), .string($0.name), .string($0.country)] })
        try loader.load(table: "orders", columns: ["id", "customer_id", "amount", "status"],
                        rows: orders.map { [.int(Int64($0.id)), .int(Int64($0.customerID)), .int(Int64($0.amount)), .string($0.status)] })
        try loader.load(table: "order_items", columns: ["id", "order_id", "qty"],
                        rows: items.map { [.int(Int64($0.id)), .int(Int64($0.orderID)), .int(Int64($0.qty))] })
    }

    private static let sqliteURL = Result { () throws -> String in
        let path = NSTemporaryDirectory() + "spyglass-access-\(getpid())-\(UUID().uuidString).sqlite"
        try load("sqlite:" + path)
        return "sqlite:" + path
    }
    private static let postgresURL = Result { () throws -> String in
        let url = try TestPostgres.createDatabase(prefix: "access")
        try load(url)
        return url
    }

    /// The warehouse of each executing dialect, loaded once per test process.
    static func warehouse(_ name: String) throws -> String {
        name == "sqlite" ? try sqliteURL.get() : try postgresURL.get()
    }

    static let dialects = ["sqlite", "postgres"]

    /// Runs hand-written SQL and returns its rows as text (NULL as "∅"), for comparing with Spyglass.
    static func rows(_ sql: String, on url: String) throws -> [[String]] {
        let connection = try Warehouse.connect(url)
        return try connection.query(sql, maxRows: 100_000).rows.map { $0.map(text) }
    }

    /// A value as comparable text: integers without a fraction, NULL as "∅".
    static func text(_ value: Value) -> String {
        switch value {
        case .null: return "∅"
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .decimal(let s):
            if let d = Double(s), d == d.rounded() { return String(Int64(d)) }
            return s
        case .string(let s): return s
        case .bool(let b): return b ? "Yes" : "No"
        default: return "\(value)"
        }
    }

    /// `IN ('DE')` for a user's countries, for hand-written SQL.
    static func countryList(_ user: String) -> String {
        "(" + visible[user]!.sorted().map { "'\($0)'" }.joined(separator: ", ") + ")"
    }
}
