import Warehouse

/// The dbt-style marts of the demo, in load order: dimensions first, then facts.
enum DemoTables {
    static func all(world: DemoWorld) -> [DemoTable] {
        let deals = DemoDeals(world: world)
        return [
            accounts(world), servers(world), users(world),
            events(world), serverDailyActivity(world),
            deals.opportunitiesTable, deals.licensesTable,
            supportTickets(world), nps(world),
        ]
    }

    @inline(__always)
    static func int(_ v: Int?) -> Value { v.map { .int(Int64($0)) } ?? .null }
    @inline(__always)
    static func text(_ v: String?) -> Value { v.map { .string($0) } ?? .null }
    @inline(__always)
    static func date(_ day: Int?) -> Value { day.map { .date(DemoCalendar.date($0)) } ?? .null }
    @inline(__always)
    static func timestamp(_ day: Int, _ second: Int) -> Value { .timestamp(DemoCalendar.timestamp(day, second: second)) }

    static func accounts(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "dim_accounts", columns: [
            .init("account_id", .int), .init("account_name", .text), .init("industry", .text),
            .init("country_code", .text), .init("region", .text), .init("employee_band", .text),
            .init("segment", .text), .init("created_date", .date),
        ]) {
            AnySequence(world.accounts.lazy.map { a in
                [int(a.id), .string(a.name), .string(a.industry), text(a.country), text(a.country.flatMap { DemoWorld.region[$0] }),
                 .string(a.employeeBand), .string(a.segment), date(a.createdDay)]
            })
        }
    }

    static func servers(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "dim_servers", columns: [
            .init("server_id", .int), .init("account_id", .int), .init("edition", .text), .init("install_date", .date),
            .init("last_seen_date", .date), .init("country_code", .text), .init("deployment", .text),
            .init("database_type", .text), .init("current_version", .text), .init("registered_users", .int),
            .init("activated_date", .date), .init("trial_started_date", .date), .init("converted_date", .date),
        ]) {
            AnySequence(world.servers.lazy.map { s in
                let version = DemoCalendar.releases[DemoCalendar.releaseIndex(onDay: s.lastSeenDay, lag: s.upgradeLag)].version
                return [int(s.id), int(s.accountID), .string(s.edition.rawValue), date(s.installDay), date(s.lastSeenDay),
                        text(s.country), .string(s.deployment), .string(s.database), .string(version), int(s.users.count),
                        date(s.activatedDay), date(s.trialStartDay), date(s.convertedDay)]
            })
        }
    }

    static func users(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "dim_users", columns: [
            .init("user_id", .int), .init("server_id", .int), .init("signup_at", .timestamp), .init("role", .text),
            .init("is_bot", .bool), .init("primary_platform", .text), .init("platform_count", .int),
            .init("locale", .text), .init("last_active_date", .date), .init("deactivated_at", .timestamp),
        ]) {
            AnySequence(world.users.lazy.map { u in
                var deactivated = Value.null
                if let d = u.deactivatedDay { deactivated = timestamp(d, u.signupSecond / 2 + 3600) }
                return [int(u.id), int(world.servers[u.serverIndex].id), timestamp(u.signupDay, u.signupSecond),
                        .string(u.role), .bool(u.isBot), .string(DemoWorld.platforms[u.primaryPlatform]),
                        int(u.platformMask.nonzeroBitCount), .string(u.locale), date(u.lastActiveDay), deactivated]
            })
        }
    }
}
