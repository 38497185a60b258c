import Warehouse

/// `fct_events`: client telemetry from the web, desktop and mobile apps (no personal data: ids,
/// platform, event name, server version). The largest table; streamed user by user.
extension DemoTables {
    /// Weekly seasonality and holidays: weekends at 30 %, the last week of December at half, August
    /// a little quieter.
    static let dayFactor: [Double] = (0...DemoCalendar.lastDay).map { day in
        let date = DemoCalendar.date(day)
        var f = DemoCalendar.isWeekend(day) ? 0.3 : 1
        if (date.month == 12 && date.day >= 24) || (date.month == 1 && date.day == 1) { f *= 0.5 }
        if date.month == 8 { f *= 0.85 }
        return f
    }

    /// The long tail of event names per server era (before 9.0, 9.x, 10.x): features arrive with
    /// releases, so adoption can only start after them.
    static let eventNames: [WeightedChoice<String>] = {
        let common: [(String, Double)] = [
            ("message_sent", 30), ("channel_viewed", 22), ("app_opened", 12), ("search_performed", 5),
            ("reaction_added", 5), ("thread_viewed", 4), ("notification_clicked", 3), ("file_uploaded", 2.5),
            ("message_edited", 2), ("direct_message_started", 1.5), ("mention_clicked", 1.5), ("channel_joined", 1),
            ("emoji_picker_opened", 1), ("profile_viewed", 0.8), ("integration_used", 0.8), ("draft_saved", 0.7),
            ("slash_command_used", 0.7), ("status_changed", 0.6), ("link_preview_clicked", 0.6),
            ("settings_opened", 0.5), ("sso_login", 0.4), ("channel_created", 0.3), ("bookmark_added", 0.3),
            ("keyboard_shortcut_used", 0.3), ("message_pinned", 0.2), ("message_forwarded", 0.2),
            ("user_invited", 0.15), ("theme_changed", 0.05), ("channel_archived", 0.05), ("password_reset", 0.05),
            ("plugin_installed", 0.03), ("guest_invited", 0.03), ("two_factor_enabled", 0.03),
            ("webhook_configured", 0.02), ("export_requested", 0.01),
        ]
        let v9: [(String, Double)] = [
            ("call_joined", 1.8), ("call_started", 1.2), ("screen_share_started", 0.3), ("playbook_run_started", 0.15),
            ("playbook_checklist_completed", 0.1), ("scheduled_message_created", 0.1),
        ]
        let v10: [(String, Double)] = [("ai_summary_requested", 0.6), ("ai_reply_suggested", 0.4)]
        return [WeightedChoice(common), WeightedChoice(common + v9), WeightedChoice(common + v9 + v10)]
    }()

    static func events(_ world: DemoWorld) -> DemoTable {
        DemoTable(name: "fct_events", columns: [
            .init("event_id", .int), .init("event_at", .timestamp), .init("user_id", .int), .init("server_id", .int),
            .init("platform", .text), .init("event_name", .text), .init("server_version", .text),
        ]) {
            AnySequence { EventIterator(world: world) }
        }
    }

    /// Walks users, then their active days, filling a small buffer with one user-day of events.
    struct EventIterator: IteratorProtocol {
        let world: DemoWorld
        var userIndex = -1
        var day = 0
        var lastDay = -1
        var random = DemoRandom(stream: 10, id: 0)
        var buffer: [[Value]] = []
        var position = 0
        var nextID = 1
        var user: DemoWorld.User?
        var server: DemoWorld.Server?

        init(world: DemoWorld) {
            self.world = world
            buffer.reserveCapacity(64)
        }

        mutating func next() -> [Value]? {
            while position == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                position = 0
                if day > lastDay {
                    // Next user with days inside the period (bots use the API, not the apps).
                    userIndex += 1
                    guard userIndex < world.users.count else { return nil }
                    let u = world.users[userIndex]
                    user = u
                    server = world.servers[u.serverIndex]
                    random = DemoRandom(stream: 10, id: u.id)
                    day = max(0, u.signupDay)
                    lastDay = u.isBot ? -1 : min(u.lastActiveDay, DemoCalendar.lastDay)
                    if !u.isBot && u.signupDay >= 0 {
                        emit(day: u.signupDay, second: u.signupSecond, platform: u.primaryPlatform, name: "user_signed_up")
                    }
                    continue
                }
                fillDay()
                day += 1
            }
            defer { position += 1 }
            return buffer[position]
        }

        private mutating func emit(day: Int, second: Int, platform: Int, name: String) {
            let s = server!
            let release = DemoCalendar.releases[DemoCalendar.releaseIndex(onDay: day, lag: s.upgradeLag)]
            buffer.append([.int(Int64(nextID)), DemoTables.timestamp(day, second), .int(Int64(user!.id)), .int(Int64(s.id)),
                           .string(DemoWorld.platforms[platform]), .string(name), .string(release.version)])
            nextID += 1
        }

        private mutating func fillDay() {
            let u = user!
            guard random.chance(u.activeProbability * DemoTables.dayFactor[day]) else { return }
            let release = DemoCalendar.releases[DemoCalendar.releaseIndex(onDay: day, lag: server!.upgradeLag)]
            let era = release.major >= 10 ? 2 : (release.major >= 9 ? 1 : 0)
            let names = DemoTables.eventNames[era]
            for platform in 0..<4 where u.platformMask & (1 << UInt8(platform)) != 0 {
                var p = platform == u.primaryPlatform ? 0.95 : 0.35
                if platform >= 2 && era >= 1 { p = min(0.95, p * 1.6) }  // the rebuilt mobile apps of 9.0
                if platform == 1 { p *= DemoCalendar.desktopFactor(day) }
                guard random.chance(p) else { continue }
                var second = DemoWorld.hours.pick(&random) * 3600 + random.int(3600)
                var count = 1
                while count < 30 && random.chance(0.45) { count += 1 }
                for _ in 0..<count {
                    emit(day: day, second: second, platform: platform, name: names.pick(&random))
                    second = min(86_399, second + random.int(in: 1...240))
                }
            }
        }
    }
}
