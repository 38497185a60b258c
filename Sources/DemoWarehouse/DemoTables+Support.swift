import Warehouse

/// `fct_support_tickets` (customers' servers only) and `fct_nps` (in-app surveys of users).
extension DemoTables {
    static let priorities = WeightedChoice<String>([("low", 25), ("normal", 50), ("high", 20), ("urgent", 5)])
    static let categories = WeightedChoice<String>([
        ("upgrade", 18), ("performance", 14), ("integrations", 14), ("sso_ldap", 12), ("installation", 10),
        ("desktop_app", 9), ("mobile_app", 9), ("billing", 7), ("notifications", 7),
    ])
    static let channels = WeightedChoice<String>([("portal", 55), ("email", 30), ("phone", 10), ("chat", 5)])

    /// Median-ish first response target per priority, in minutes.
    static func responseBase(_ priority: String) -> Double {
        switch priority {
        case "urgent": 25
        case "high": 120
        case "normal": 360
        default: 960
        }
    }

    static func supportTickets(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "fct_support_tickets", columns: [
            .init("ticket_id", .int), .init("account_id", .int), .init("server_id", .int), .init("created_at", .timestamp),
            .init("priority", .text), .init("category", .text), .init("channel", .text),
            .init("first_response_minutes", .int), .init("resolved_at", .timestamp), .init("satisfaction_score", .int),
        ]) {
            AnySequence { () -> AnyIterator<[Value]> in
                var nextID = 1
                let perServer = world.servers.lazy.filter { $0.accountID != nil && $0.trialStartDay != nil }.flatMap { s in
                    tickets(for: s)
                }
                var inner = perServer.makeIterator()
                return AnyIterator {
                    guard var row = inner.next() else { return nil }
                    row[0] = .int(Int64(nextID))
                    nextID += 1
                    return row
                }
            }
        }
    }

    /// One server's tickets in time order, ids filled in by the caller.
    static func tickets(for s: DemoWorld.Server) -> [[Value]] {
        var random = DemoRandom(stream: 12, id: s.id)
        var rows: [[Value]] = []
        let first = max(0, s.trialStartDay!)
        let last = min(s.lastSeenDay, DemoCalendar.lastDay)
        guard first <= last else { return rows }
        let weeklyRate = 0.12 + Double(s.seats) / 900
        let trials = Int(weeklyRate * 2) + 2
        var week = first
        while week <= last {
            var count = 0
            for _ in 0..<trials where random.chance(weeklyRate / Double(trials)) { count += 1 }
            // The broken desktop update: a burst of urgent desktop tickets.
            let dipOverlap = week + 6 >= DemoCalendar.dipStart && week <= DemoCalendar.dipEnd
            let dipExtra = dipOverlap ? 1 + random.int(2 + s.seats / 150) : 0
            for i in 0..<(count + dipExtra) {
                var day = week + random.int(7)
                if DemoCalendar.isWeekend(day) && random.chance(0.6) { day = week + random.int(7) }
                let isDip = i >= count
                if isDip { day = max(DemoCalendar.dipStart, min(DemoCalendar.dipEnd, day)) }
                guard day <= last else { continue }
                let second = DemoWorld.hours.pick(&random) * 3600 + random.int(3600)
                let priority = isDip ? (random.chance(0.4) ? "urgent" : "high") : priorities.pick(&random)
                let category = isDip ? "desktop_app" : categories.pick(&random)
                let speed = s.edition == .enterprise ? 0.6 : 1.0
                let response = Int(responseBase(priority) * speed * (0.2 + random.exponential(mean: 0.8)) * (isDip ? 2.5 : 1)) + 1
                let hoursToResolve = Int(random.exponential(mean: priority == "urgent" ? 6 : (priority == "high" ? 30 : 80)))
                let resolvedSecond = second + response * 60 + hoursToResolve * 3600 + random.int(3600)
                let resolvedDay = day + resolvedSecond / 86_400
                let answered = !random.chance(0.02)
                let resolved = answered && resolvedDay <= DemoCalendar.lastDay && !random.chance(0.01)
                var satisfaction = Value.null
                if resolved && random.chance(0.38) {
                    let slowness = Double(response) / (responseBase(priority) * 2)
                    let score = 4.5 - 1.4 * min(2, slowness) + 0.7 * random.normal() - (isDip ? 0.8 : 0)
                    satisfaction = .int(Int64(max(1, min(5, Int((score + 0.5).rounded(.down))))))
                }
                rows.append([
                    .null, int(s.accountID), int(s.id), timestamp(day, second), .string(priority), .string(category),
                    .string(channels.pick(&random)), answered ? int(response) : .null,
                    resolved ? timestamp(resolvedDay, resolvedSecond % 86_400) : .null, satisfaction,
                ])
            }
            week += 7
        }
        // Time order within the server: dip tickets were clamped into the dip window.
        return rows.enumerated().sorted { a, b in
            let x = a.element[3], y = b.element[3]
            if case .timestamp(let l) = x, case .timestamp(let r) = y, l != r { return l < r }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func nps(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "fct_nps", columns: [
            .init("response_id", .int), .init("user_id", .int), .init("server_id", .int), .init("responded_at", .timestamp),
            .init("platform", .text), .init("score", .int), .init("has_comment", .bool),
        ]) {
            AnySequence { () -> AnyIterator<[Value]> in
                var nextID = 1
                var inner = world.users.lazy.filter { !$0.isBot }.flatMap { u in npsResponses(u, world: world) }.makeIterator()
                return AnyIterator {
                    guard var row = inner.next() else { return nil }
                    row[0] = .int(Int64(nextID))
                    nextID += 1
                    return row
                }
            }
        }
    }

    /// A survey 14 days after signup and every quarter after; about 35 % answer (enough answers
    /// per platform and quarter for the NPS lines to show the 9.0 and desktop-crash stories).
    static func npsResponses(_ u: DemoWorld.User, world: DemoWorld) -> [[Value]] {
        var random = DemoRandom(stream: 13, id: u.id)
        let s = world.servers[u.serverIndex]
        var rows: [[Value]] = []
        var day = u.signupDay + 14
        while day <= min(u.lastActiveDay, DemoCalendar.lastDay) {
            defer { day += 91 }
            guard day >= 0, random.chance(0.35) else { continue }
            var platform = u.primaryPlatform
            if !random.chance(0.6) {
                let others = (0..<4).filter { u.platformMask & (1 << UInt8($0)) != 0 }
                platform = others[random.int(others.count)]
            }
            let major = DemoCalendar.releases[DemoCalendar.releaseIndex(onDay: day, lag: s.upgradeLag)].major
            var mean: Double = switch platform {
            case 0: 7.6
            case 1: 8.0
            default: major >= 9 ? 8.2 : 6.6
            }
            if platform == 1 && day >= DemoCalendar.dipStart && day <= DemoCalendar.dipEnd + 14 { mean = 5.0 }
            let score = max(0, min(10, Int((mean + 2.0 * random.normal() + 0.5).rounded(.down))))
            let comment = random.chance(score <= 6 ? 0.45 : (score <= 8 ? 0.15 : 0.25))
            let second = DemoWorld.hours.pick(&random) * 3600 + random.int(3600)
            rows.append([.null, int(u.id), int(s.id), timestamp(day, second), .string(DemoWorld.platforms[platform]),
                         int(score), .bool(comment)])
        }
        return rows
    }
}
