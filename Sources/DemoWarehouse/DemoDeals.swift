import Warehouse

/// CRM and billing: `fct_opportunities` and `fct_licenses`, generated together because every
/// won opportunity becomes a license. Small (thousands of rows), so built once per table stream.
///
/// Money is integer US cents (`amount_cents`, `arr_cents`): sums are exact on both databases and
/// the LookML divides by 100 for display.
struct DemoDeals {
    private(set) var opportunities: [[Value]] = []
    private(set) var licenses: [[Value]] = []

    /// List price per seat per month, in cents.
    static func seatPrice(_ edition: DemoWorld.Edition) -> Int {
        switch edition {
        case .community: 0
        case .professional: 1000
        case .enterprise: 2500
        }
    }

    static let leadSources = WeightedChoice<String?>([("Inbound", 45), ("Product Trial", 25), ("Outbound", 12), ("Partner", 8), ("Event", 4), (nil, 6)])
    static let lossReasons = WeightedChoice<String>([
        ("No Budget", 30), ("Chose Competitor", 25), ("Stayed on Free Edition", 25), ("No Decision", 15), ("Security Review", 5),
    ])

    init(world: DemoWorld) {
        for account in world.accounts {
            var random = DemoRandom(stream: 5, id: account.id)
            for serverIndex in account.servers {
                addServerDeals(world.servers[serverIndex], account: account.id, random: &random)
            }
            if account.servers.isEmpty { addProspectDeals(account, random: &random) }
        }
    }

    private mutating func addOpportunity(
        account: Int, server: Int?, type: String, edition: DemoWorld.Edition, created: Int, expectedClose: Int,
        outcome: Bool?, closeDay: Int, amount: Int, seats: Int, leadSource: String?, lossReason: String? = nil
    ) -> Int? {
        // Only opportunities alive in the period: nothing closed before 2023-01-01.
        let closed: Int? = outcome == nil ? nil : closeDay
        guard (closed ?? DemoCalendar.lastDay) >= 0, created <= DemoCalendar.lastDay else { return nil }
        let stage: String
        switch outcome {
        case true?: stage = "Closed Won"
        case false?: stage = "Closed Lost"
        case nil:
            let left = expectedClose - DemoCalendar.lastDay
            stage = left > 60 ? "Discovery" : (left > 30 ? "Proposal" : "Negotiation")
        }
        let id = opportunities.count + 1
        opportunities.append([
            DemoTables.int(id), DemoTables.int(account), DemoTables.int(server), .string(type), .string(stage),
            DemoTables.text(leadSource), DemoTables.date(created), DemoTables.date(closed), DemoTables.date(expectedClose),
            DemoTables.int(amount), DemoTables.int(seats), .string(edition.rawValue),
            DemoTables.text(outcome == false ? lossReason : nil),
        ])
        return id
    }

    private mutating func addLicense(account: Int, server: Int, opportunity: Int?, edition: DemoWorld.Edition,
                                     seats: Int, starts: Int, ends: Int, arr: Int, trial: Bool) {
        guard ends >= 0 else { return }
        licenses.append([
            DemoTables.int(licenses.count + 1), DemoTables.int(account), DemoTables.int(server), DemoTables.int(opportunity),
            .string(edition.rawValue), DemoTables.int(seats), DemoTables.date(starts), DemoTables.date(ends),
            DemoTables.int(arr), .bool(trial),
        ])
    }

    private mutating func addServerDeals(_ s: DemoWorld.Server, account: Int, random: inout DemoRandom) {
        guard let trialStart = s.trialStartDay else { return }
        let edition = s.plan
        let price = DemoDeals.seatPrice(edition)
        var seats = s.seats
        addLicense(account: account, server: s.id, opportunity: nil, edition: edition, seats: seats,
                   starts: trialStart, ends: trialStart + 29, arr: 0, trial: true)
        let expected = trialStart + 30
        let lead = DemoDeals.leadSources.pick(&random)
        guard let converted = s.convertedDay else {
            let open = expected > DemoCalendar.lastDay
            _ = addOpportunity(account: account, server: s.id, type: "New Business", edition: edition,
                               created: trialStart - random.int(in: 0...20), expectedClose: expected,
                               outcome: open ? nil : false, closeDay: expected + random.int(in: 0...10),
                               amount: seats * price * 12, seats: seats, leadSource: lead,
                               lossReason: DemoDeals.lossReasons.pick(&random))
            return
        }
        let newID = addOpportunity(account: account, server: s.id, type: "New Business", edition: edition,
                                   created: trialStart - random.int(in: 0...20), expectedClose: expected, outcome: true,
                                   closeDay: converted, amount: seats * price * 12, seats: seats, leadSource: lead)
        addLicense(account: account, server: s.id, opportunity: newID, edition: edition, seats: seats,
                   starts: converted, ends: converted + 364, arr: seats * price * 12, trial: false)
        var termStart = converted
        while true {
            // One expansion chance per term.
            if random.chance(0.3) {
                let day = termStart + random.int(in: 90...300)
                if day <= DemoCalendar.lastDay && day <= s.lastSeenDay {
                    let extra = max(5, seats * (10 + random.int(20)) / 100 / 5 * 5)
                    let monthsLeft = max(1, (termStart + 365 - day) / 30)
                    let won = random.chance(0.75)
                    let id = addOpportunity(account: account, server: s.id, type: "Expansion", edition: edition,
                                            created: day - random.int(in: 10...40), expectedClose: day, outcome: won,
                                            closeDay: day, amount: extra * price * monthsLeft, seats: extra, leadSource: nil,
                                            lossReason: "No Budget")
                    if won {
                        addLicense(account: account, server: s.id, opportunity: id, edition: edition, seats: extra,
                                   starts: day, ends: termStart + 364, arr: extra * price * 12, trial: false)
                        seats += extra
                    }
                }
            }
            let renewal = termStart + 365
            if renewal - 90 > DemoCalendar.lastDay { return }
            if random.chance(0.5) { seats = (seats * (100 + random.int(30)) / 100 + 4) / 5 * 5 }
            let amount = seats * price * 12
            if renewal > DemoCalendar.lastDay {
                _ = addOpportunity(account: account, server: s.id, type: "Renewal", edition: edition, created: renewal - 90,
                                   expectedClose: renewal, outcome: nil, closeDay: renewal, amount: amount, seats: seats,
                                   leadSource: nil)
                return
            }
            let won = s.lastSeenDay >= renewal && random.chance(0.92)
            let id = addOpportunity(account: account, server: s.id, type: "Renewal", edition: edition, created: renewal - 90,
                                    expectedClose: renewal, outcome: won, closeDay: renewal, amount: amount, seats: seats,
                                    leadSource: nil, lossReason: s.lastSeenDay < renewal ? "Churned" : "No Budget")
            guard won else { return }
            addLicense(account: account, server: s.id, opportunity: id, edition: edition, seats: seats,
                       starts: renewal, ends: renewal + 364, arr: amount, trial: false)
            termStart = renewal
        }
    }

    private mutating func addProspectDeals(_ account: DemoWorld.Account, random: inout DemoRandom) {
        for _ in 0..<(1 + random.int(2)) {
            let created = account.createdDay + random.int(in: 0...120)
            let expected = created + random.int(in: 45...120)
            let edition: DemoWorld.Edition = account.segment == "Enterprise" || random.chance(0.3) ? .enterprise : .professional
            let seats = [25, 50, 100, 250, 500, 1000][random.int(account.segment == "SMB" ? 3 : 6)]
            let open = expected > DemoCalendar.lastDay
            _ = addOpportunity(account: account.id, server: nil, type: "New Business", edition: edition, created: created,
                               expectedClose: expected, outcome: open ? nil : false, closeDay: expected + random.int(in: 0...20),
                               amount: seats * DemoDeals.seatPrice(edition) * 12, seats: seats,
                               leadSource: DemoDeals.leadSources.pick(&random), lossReason: DemoDeals.lossReasons.pick(&random))
        }
    }

    var opportunitiesTable: DemoTable {
        let rows = opportunities
        return DemoTable(name: "fct_opportunities", columns: [
            .init("opportunity_id", .int), .init("account_id", .int), .init("server_id", .int),
            .init("opportunity_type", .text), .init("stage", .text), .init("lead_source", .text),
            .init("created_date", .date), .init("close_date", .date), .init("expected_close_date", .date),
            .init("amount_cents", .int), .init("seats", .int), .init("edition", .text), .init("loss_reason", .text),
        ]) { AnySequence(rows) }
    }

    var licensesTable: DemoTable {
        let rows = licenses
        return DemoTable(name: "fct_licenses", columns: [
            .init("license_id", .int), .init("account_id", .int), .init("server_id", .int), .init("opportunity_id", .int),
            .init("edition", .text), .init("seats", .int), .init("starts_on", .date), .init("ends_on", .date),
            .init("arr_cents", .int), .init("is_trial", .bool),
        ]) { AnySequence(rows) }
    }
}
