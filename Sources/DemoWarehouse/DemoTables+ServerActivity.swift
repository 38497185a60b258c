import Warehouse

/// `fct_server_daily_activity`: what each server reports about itself once a day (all its users,
/// not only those whose apps send telemetry), with occasional missing days like real telemetry.
extension DemoTables {
    static func serverDailyActivity(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "fct_server_daily_activity", columns: [
            .init("activity_id", .int), .init("server_id", .int), .init("activity_date", .date),
            .init("server_version", .text), .init("registered_users", .int), .init("active_users", .int),
            .init("messages_sent", .int), .init("calls_started", .int), .init("storage_gb", .double),
        ]) {
            AnySequence { ServerActivityIterator(world: world) }
        }
    }

    struct ServerActivityIterator: IteratorProtocol {
        let world: DemoWorld
        var serverIndex = -1
        var day = 0
        var lastDay = -1
        var random = DemoRandom(stream: 11, id: 0)
        var nextID = 1
        var signups: [Int] = []
        var leaves: [Int] = []
        var signupCursor = 0
        var leaveCursor = 0
        var storageMB = 0

        init(world: DemoWorld) { self.world = world }

        mutating func next() -> [Value]? {
            while true {
                if day > lastDay {
                    serverIndex += 1
                    guard serverIndex < world.servers.count else { return nil }
                    startServer(world.servers[serverIndex])
                    continue
                }
                let d = day
                day += 1
                while signupCursor < signups.count && signups[signupCursor] <= d { signupCursor += 1 }
                while leaveCursor < leaves.count && leaves[leaveCursor] < d { leaveCursor += 1 }
                if random.chance(0.015) { continue }  // a day the server did not phone home
                let s = world.servers[serverIndex]
                let release = DemoCalendar.releases[DemoCalendar.releaseIndex(onDay: d, lag: s.upgradeLag)]
                let registered = signupCursor - leaveCursor
                let expected = Double(registered) * s.activityRate * DemoTables.dayFactor[d] * (0.85 + 0.3 * random.unit())
                let active = min(registered, Int(expected + 0.5))
                let messages = Int(Double(active) * (6 + 14 * random.unit()))
                let calls = release.major >= 9 ? Int(Double(active) * 0.12 * (0.5 + random.unit())) : 0
                storageMB += messages / 25 + 10 + random.int(20)
                let row: [Value] = [
                    .int(Int64(nextID)), .int(Int64(s.id)), .date(DemoCalendar.date(d)), .string(release.version),
                    .int(Int64(registered)), .int(Int64(active)), .int(Int64(messages)), .int(Int64(calls)),
                    // Whole megabytes over 1000: a double with at most three decimals, exact in both databases.
                    .double(Double(storageMB) / 1000),
                ]
                nextID += 1
                return row
            }
        }

        private mutating func startServer(_ s: DemoWorld.Server) {
            random = DemoRandom(stream: 11, id: s.id)
            signups = world.users[s.users].map(\.signupDay).sorted()
            // A user leaves the server's registered count when deactivated.
            leaves = world.users[s.users].compactMap(\.deactivatedDay).sorted()
            signupCursor = 0
            leaveCursor = 0
            storageMB = 50 + max(0, -s.installDay) * 3
            day = max(0, s.installDay)
            lastDay = s.lastSeenDay
        }
    }
}
