/// The small dimension entities of the demo (servers, users, accounts and their deals), generated
/// up front so the big fact tables can be streamed from them lazily.
///
/// Sizes grow linearly with `scale`; every entity draws from its own `DemoRandom` stream.
struct DemoWorld {
    enum Edition: String { case community, professional, enterprise }

    /// Platforms, in the order of the bits of `User.platformMask`.
    static let platforms = ["web", "desktop", "ios", "android"]

    struct Server {
        var id: Int
        var accountID: Int?
        var edition: Edition
        /// The paid edition trialled (also when the trial went nowhere), else community.
        var plan: Edition
        var installDay: Int
        var lastSeenDay: Int
        var country: String?
        var deployment: String
        var database: String
        var upgradeLag: Int
        /// Share of registered users active on an ordinary weekday.
        var activityRate: Double
        var activatedDay: Int?
        var trialStartDay: Int?
        var convertedDay: Int?
        /// Paid seats bought at conversion.
        var seats: Int
        /// Indices into `DemoWorld.users`.
        var users: Range<Int>
    }

    struct User {
        var id: Int
        var serverIndex: Int
        var signupDay: Int
        var signupSecond: Int
        var lastActiveDay: Int
        var role: String
        var isBot: Bool
        var platformMask: UInt8
        var primaryPlatform: Int
        /// Probability of being active on an ordinary weekday.
        var activeProbability: Double
        var locale: String
        var deactivatedDay: Int?
    }

    struct Account {
        var id: Int
        var name: String
        var industry: String
        var country: String?
        var employeeBand: String
        var segment: String
        var createdDay: Int
        /// Indices into `DemoWorld.servers`.
        var servers: [Int]
    }

    static let serversPerScale = 260

    let scale: Int
    private(set) var servers: [Server] = []
    private(set) var users: [User] = []
    private(set) var accounts: [Account] = []

    init(scale: Int) {
        self.scale = scale
        buildServersAndUsers()
        buildAccounts()
    }

    // MARK: Servers and users

    static let countries = WeightedChoice<String>([
        ("US", 26), ("DE", 12), ("GB", 7), ("IN", 7), ("FR", 6), ("BR", 5), ("CA", 4), ("JP", 4), ("NL", 3),
        ("AU", 3), ("ES", 3), ("PL", 3), ("IT", 3), ("SE", 2), ("CH", 2), ("SG", 2), ("MX", 2), ("KR", 2),
        ("CN", 2), ("ZA", 1),
    ])
    static let region: [String: String] = [
        "US": "AMER", "CA": "AMER", "BR": "AMER", "MX": "AMER",
        "DE": "EMEA", "GB": "EMEA", "FR": "EMEA", "NL": "EMEA", "ES": "EMEA", "PL": "EMEA", "IT": "EMEA",
        "SE": "EMEA", "CH": "EMEA", "ZA": "EMEA",
        "IN": "APAC", "JP": "APAC", "AU": "APAC", "SG": "APAC", "KR": "APAC", "CN": "APAC",
    ]
    static let deployments = WeightedChoice<String>([
        ("docker", 40), ("linux_package", 25), ("kubernetes", 22), ("cloud_marketplace", 8), ("tarball", 5),
    ])
    static let databases = WeightedChoice<String>([("postgres", 85), ("mysql", 15)])
    static let editions = WeightedChoice<Edition>([(.community, 58), (.professional, 29), (.enterprise, 13)])
    static let primaryPlatforms = WeightedChoice<Int>([(0, 35), (1, 40), (2, 13), (3, 12)])
    static let locales = WeightedChoice<String>([
        ("en", 55), ("de", 10), ("fr", 7), ("es", 6), ("pt-BR", 5), ("ja", 5), ("pl", 3), ("nl", 3), ("ko", 2),
        ("zh-CN", 2), ("it", 2),
    ])
    /// Hour-of-day weights (UTC) for signups, events and tickets: a working day with a long evening.
    static let hours = WeightedChoice<Int>(Array(zip(0..<24, [
        1, 0.7, 0.5, 0.5, 0.6, 1, 2, 4, 7, 9, 10, 10, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2.5, 2, 1.5,
    ])))

    /// Installs grow ~0.13 % a day (about 1.6× a year), dip at weekends and spike on launch day.
    /// Cumulative weights over the period's days, computed by repeated multiplication (exact).
    private static let installWeights: [Double] = {
        var cumulative: [Double] = []
        cumulative.reserveCapacity(DemoCalendar.lastDay + 1)
        var growth = 1.0, total = 0.0
        for day in 0...DemoCalendar.lastDay {
            total += growth * (DemoCalendar.isWeekend(day) ? 0.4 : 1) * DemoCalendar.spikeFactor(day)
            cumulative.append(total)
            growth *= 1.0013
        }
        return cumulative
    }()

    static func sampleInstallDay(_ random: inout DemoRandom) -> Int {
        let x = random.unit() * installWeights[installWeights.count - 1]
        var lo = 0, hi = installWeights.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if installWeights[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    private mutating func buildServersAndUsers() {
        let count = DemoWorld.serversPerScale * scale
        servers.reserveCapacity(count)
        for index in 0..<count {
            var random = DemoRandom(stream: 1, id: index + 1)
            let legacy = random.chance(0.18)
            var edition = DemoWorld.editions.pick(&random)
            let installDay = legacy ? random.int(in: DemoCalendar.firstLegacyDay...(-1)) : DemoWorld.sampleInstallDay(&random)
            let spike = !legacy && DemoCalendar.isSpike(installDay)
            if spike && random.chance(0.8) { edition = .community }
            let plan = edition
            let life: Double
            switch edition {
            case .community: life = random.chance(spike ? 0.75 : 0.45) ? random.exponential(mean: 40) : random.exponential(mean: 1100)
            case .professional: life = random.exponential(mean: 2400)
            case .enterprise: life = random.exponential(mean: 4000)
            }
            let lastSeen = min(DemoCalendar.lastDay, legacy ? Int(life) : installDay + Int(life))
            let country: String? = random.chance(0.05) ? nil : DemoWorld.countries.pick(&random)
            let deployment = DemoWorld.deployments.pick(&random)
            let database = DemoWorld.databases.pick(&random)
            let lag = switch edition {
            case .community: random.int(in: 0...120)
            case .professional: random.int(in: 0...200)
            case .enterprise: random.int(in: 30...300)
            }
            let activityRate = 0.25 + 0.4 * random.unit()
            var userCount = switch edition {
            case .community: min(150, 1 + Int(3 * random.pareto2()))
            case .professional: min(500, 4 + Int(9 * random.pareto2()))
            case .enterprise: min(1500, 15 + Int(25 * random.pareto2()))
            }
            if lastSeen - installDay < 90 { userCount = min(userCount, 1 + random.int(4)) }

            var trialStart: Int?, converted: Int?
            if edition != .community {
                let start = installDay + random.int(in: 7...60)
                if start <= lastSeen && start <= DemoCalendar.lastDay {
                    trialStart = start
                    let done = start + 30
                    if done <= lastSeen && done <= DemoCalendar.lastDay { converted = done }
                    // A trial that ended with the server gone went nowhere: the server ran community.
                    if converted == nil && lastSeen < done && lastSeen < DemoCalendar.lastDay { edition = .community }
                } else {
                    edition = .community
                }
            }

            let serverID = index + 1
            let firstUser = users.count
            var signups: [Int] = []
            for u in 0..<userCount {
                let userID = users.count + 1
                var r = DemoRandom(stream: 2, id: userID)
                let span = Double(max(0, lastSeen - installDay))
                let x = r.unit()
                let signupDay = u == 0 ? installDay : installDay + Int(span * x * x)
                let lastActive = min(lastSeen, signupDay + Int(r.exponential(mean: 700)))
                let isBot = u > 0 && r.chance(0.025)
                let role = u == 0 ? "admin" : (r.chance(0.06) ? "admin" : (r.chance(0.085) ? "guest" : "member"))
                let classRoll = r.unit()
                let baseProbability = classRoll < 0.3 ? 0.45 : (classRoll < 0.7 ? 0.16 : 0.04)
                let primary = DemoWorld.primaryPlatforms.pick(&r)
                var mask = UInt8(1) << UInt8(primary)
                for p in 0..<4 where p != primary && r.chance(p >= 2 ? 0.25 : 0.3) { mask |= UInt8(1) << UInt8(p) }
                var deactivated: Int?
                if lastActive < lastSeen && r.chance(0.6) {
                    let d = lastActive + r.int(in: 1...90)
                    if d <= DemoCalendar.lastDay { deactivated = d }
                }
                users.append(User(
                    id: userID, serverIndex: index, signupDay: signupDay,
                    signupSecond: DemoWorld.hours.pick(&r) * 3600 + r.int(3600), lastActiveDay: lastActive,
                    role: role, isBot: isBot, platformMask: mask, primaryPlatform: primary,
                    activeProbability: baseProbability * activityRate / 0.45, locale: DemoWorld.locales.pick(&r),
                    deactivatedDay: deactivated))
                signups.append(signupDay)
            }
            signups.sort()
            let activated: Int? = signups.count >= 3 && signups[2] <= lastSeen ? signups[2] : nil
            let seats = max(10, (userCount * (12 + random.int(6)) / 10 + 4) / 5 * 5)

            servers.append(Server(
                id: serverID, accountID: nil, edition: edition, plan: plan, installDay: installDay, lastSeenDay: lastSeen,
                country: country, deployment: deployment, database: database, upgradeLag: lag,
                activityRate: activityRate, activatedDay: activated, trialStartDay: trialStart,
                convertedDay: converted, seats: seats, users: firstUser..<users.count))
        }
    }

    // MARK: Accounts

    static let industries = WeightedChoice<String>([
        ("Technology", 30), ("Financial Services", 12), ("Government", 10), ("Healthcare", 9),
        ("Manufacturing", 9), ("Education", 8), ("Telecommunications", 6), ("Retail", 6), ("Media", 5),
        ("Energy", 5),
    ])
    static let employeeBands = WeightedChoice<String>([
        ("1-50", 30), ("51-200", 28), ("201-1000", 22), ("1001-5000", 13), ("5000+", 7),
    ])
    private static let nameStarts = ["Nor", "Bright", "Silver", "Blue", "Iron", "Cedar", "Quick", "North", "Stone",
                                     "Red", "Open", "Clear", "Hex", "Vanta", "Orbi", "Lumen"]
    private static let nameEnds = ["wind", "field", "path", "bridge", "works", "gate", "leaf", "point", "line",
                                   "scale", "forge", "crest", "stack", "wave", "port", "mark"]
    private static let nameKinds = ["Labs", "Systems", "Health", "Logistics", "Bank", "Group", "Software",
                                    "Energy", "Media", "Robotics", "Analytics", "Networks"]

    /// A made-up company name, unique per id (mixed-radix digits of a scrambled id).
    static func accountName(_ id: Int) -> String {
        let combos = nameStarts.count * nameEnds.count * nameKinds.count
        let n = (id - 1) * 1237 % combos
        let base = nameStarts[n % 16] + nameEnds[n / 16 % 16] + " " + nameKinds[n / 256]
        let round = (id - 1) / combos
        return round == 0 ? base : "\(base) \(round + 1)"
    }

    private mutating func buildAccounts() {
        var customerAccounts: [Int] = []
        for index in servers.indices where servers[index].trialStartDay != nil {
            var random = DemoRandom(stream: 3, id: servers[index].id)
            if !customerAccounts.isEmpty && random.chance(0.15) {
                let accountIndex = customerAccounts[random.int(customerAccounts.count)]
                accounts[accountIndex].servers.append(index)
                servers[index].accountID = accounts[accountIndex].id
                continue
            }
            let band = servers[index].edition == .enterprise
                ? ["201-1000", "1001-5000", "5000+"][random.int(3)] : DemoWorld.employeeBands.pick(&random)
            let created = servers[index].trialStartDay! - random.int(in: 0...45)
            appendAccount(&random, band: band, country: servers[index].country, created: created, servers: [index])
            customerAccounts.append(accounts.count - 1)
            servers[index].accountID = accounts.count
        }
        // Prospects: accounts sales talked to that never ran a licensed server.
        let prospects = customerAccounts.count * 7 / 10
        for p in 0..<prospects {
            var random = DemoRandom(stream: 4, id: p + 1)
            let country: String? = random.chance(0.08) ? nil : DemoWorld.countries.pick(&random)
            appendAccount(&random, band: DemoWorld.employeeBands.pick(&random), country: country,
                          created: DemoWorld.sampleInstallDay(&random), servers: [])
        }
    }

    private mutating func appendAccount(_ random: inout DemoRandom, band: String, country: String?, created: Int, servers: [Int]) {
        let id = accounts.count + 1
        let segment = switch band {
        case "1-50", "51-200": "SMB"
        case "201-1000": "Mid-Market"
        default: "Enterprise"
        }
        accounts.append(Account(
            id: id, name: DemoWorld.accountName(id), industry: DemoWorld.industries.pick(&random), country: country,
            employeeBand: band, segment: segment, createdDay: created, servers: servers))
    }
}
