import ArrowIPC
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One logged-in Snowflake session over the drivers' HTTPS JSON protocol: login-request (password or
/// key-pair JWT), query-request with binds, polling while a query runs (`333333`/`333334`),
/// abort-request, heartbeats and `/session?delete=true`. Results arrive as Arrow (`rowsetBase64` and
/// chunk files, fetched a few at a time ahead of the rows being read) or as a JSON `rowset`.
final class SnowflakeSession: @unchecked Sendable {
    let configuration: SnowflakeConfiguration
    let statementTimeoutSeconds: Double
    /// Guards `token`, `sequence` and `closed`.
    private let lock = Lock()
    private var token: String
    private var sequence = 0
    private var closed = false
    private var heartbeat: RepeatedTask?

    /// How many result chunks are downloaded ahead of the one being read.
    static let chunkPrefetch = 4

    init(configuration: SnowflakeConfiguration, statementTimeoutSeconds: Double, environment: [String: String]) throws {
        self.configuration = configuration
        self.statementTimeoutSeconds = statementTimeoutSeconds
        token = ""
        let login = try Self.login(configuration, statementTimeoutSeconds: statementTimeoutSeconds, environment: environment)
        token = login.token
        startHeartbeat(seconds: login.heartbeatSeconds)
    }

    deinit { close() }

    // MARK: Login

    private static func login(_ c: SnowflakeConfiguration, statementTimeoutSeconds: Double,
                              environment: [String: String]) throws -> (token: String, heartbeatSeconds: Double) {
        var data: [String: Any] = [
            "CLIENT_APP_ID": "Spyglass",
            "CLIENT_APP_VERSION": "1.0",
            "ACCOUNT_NAME": SnowflakeKeyPair.accountForJWT(c.account),
            "LOGIN_NAME": c.user,
            "CLIENT_ENVIRONMENT": ["APPLICATION": "Spyglass", "OS": "Linux"],
        ]
        var parameters: [String: Any] = ["QUERY_TAG": c.queryTag, "TIMEZONE": "UTC", "AUTOCOMMIT": true,
                                         "CLIENT_SESSION_KEEP_ALIVE": true]
        let timeout = Self.timeoutSeconds(statementTimeoutSeconds)
        if timeout > 0 { parameters["STATEMENT_TIMEOUT_IN_SECONDS"] = timeout }
        data["SESSION_PARAMETERS"] = parameters
        switch c.authenticator {
        case .password:
            guard !c.password.isEmpty else {
                throw WarehouseError.cannotConnect("the Snowflake URL has no password for user \(c.user); add it (snowflake://USER:PASSWORD@…) or use private_key_file=")
            }
            data["PASSWORD"] = c.password
        case .keyPair:
            let keyPair = try SnowflakeKeyPair.load(path: c.privateKeyFile ?? "", passphrase: environment["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"])
            data["AUTHENTICATOR"] = "SNOWFLAKE_JWT"
            data["TOKEN"] = try keyPair.jwt(account: c.account, user: c.user, issuedAt: Int(Date().timeIntervalSince1970))
        }
        var query = ["request_id=\(UUID().uuidString.lowercased())"]
        if let d = c.database { query.append("databaseName=\(escape(d))") }
        if let s = c.schema { query.append("schemaName=\(escape(s))") }
        if let w = c.warehouse { query.append("warehouse=\(escape(w))") }
        if let r = c.role { query.append("roleName=\(escape(r))") }
        let url = c.baseURL + "/session/v1/login-request?" + query.joined(separator: "&")
        let body = try JSONSerialization.data(withJSONObject: ["data": data])

        let response: SnowflakeHTTP.Response
        do {
            response = try SnowflakeHTTP.send(.POST, url, headers: jsonHeaders(), body: Array(body))
        } catch {
            throw WarehouseError.cannotConnect("cannot reach Snowflake at \(c.host):\(c.port): \(SnowflakeHTTP.describe(error))")
        }
        guard response.status == 200 else {
            let hint = [403, 404].contains(response.status) ? "; check the account name (or host=) in the URL" : ""
            throw WarehouseError.cannotConnect("Snowflake at \(c.host) answered the login with HTTP \(response.status)\(hint)")
        }
        guard let envelope = try? JSONDecoder().decode(SnowflakeProtocol.Envelope<SnowflakeProtocol.LoginData>.self, from: Data(response.body)) else {
            throw WarehouseError.cannotConnect("\(c.host):\(c.port) did not answer like Snowflake; check the account name (or host=) in the URL")
        }
        guard envelope.success == true, let token = envelope.data?.token else {
            throw WarehouseError.cannotConnect(loginFailure(envelope.code, envelope.message, c))
        }
        let heartbeat = envelope.data?.parameters?.first { $0.name == "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY" }?.value?.number
        return (token, min(max(heartbeat ?? 3600, 900), 3600))
    }

    /// One sentence for a refused login, by Snowflake's error code.
    static func loginFailure(_ code: String?, _ message: String?, _ c: SnowflakeConfiguration) -> String {
        let said = Sanitize.sentence(Redactor.scrub(message ?? "no reason given", secrets: [c.password]))
        switch code {
        case "390100":
            return "Snowflake refused the login: incorrect user name or password for \(c.user) on account \(c.account)"
        case "390144", "394304", "390145":
            return "Snowflake refused the key-pair login for \(c.user): \(said) (check that the user's RSA_PUBLIC_KEY matches private_key_file and the account name)"
        case "390106", "390107", "390201", "390189", "390190":
            return "Snowflake refused the login (\(code!)): \(said)"
        case "390318", "390114", "390112":
            return "Snowflake refused the login (\(code!)): \(said); the key or password may have expired"
        default:
            return "Snowflake refused the login\(code.map { " (\($0))" } ?? ""): \(said)"
        }
    }

    // MARK: Statements

    /// A running statement: enough to abort it from another thread.
    struct Running: Sendable {
        var requestID: String
        var sql: String
    }

    /// Runs one statement and streams its rows. `interrupted` is polled while waiting; `started`
    /// receives the request id (for `abort`) before the statement is sent.
    func run(_ sql: String, bindings: [String: SnowflakeProtocol.Binding] = [:], started: (Running) -> Void,
             interrupted: @escaping () -> SnowflakeHTTP.Interruption?,
             onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        let data = try submit(sql, bindings: bindings, started: started, interrupted: interrupted)
        try deliver(data, interrupted: interrupted, onColumns: onColumns, onRow: onRow)
    }

    /// Sends one statement and waits (polling while Snowflake says it is still running) for its
    /// response, without reading the result rows.
    func submit(_ sql: String, bindings: [String: SnowflakeProtocol.Binding] = [:], started: (Running) -> Void,
                interrupted: @escaping () -> SnowflakeHTTP.Interruption?) throws -> SnowflakeProtocol.QueryData {
        let requestID = UUID().uuidString.lowercased()
        started(Running(requestID: requestID, sql: sql))
        let seq = lock.withLock { () -> Int in sequence += 1; return sequence }
        var body: [String: Any] = [
            "sqlText": sql, "asyncExec": false, "sequenceId": seq,
            "querySubmissionTime": Int(Date().timeIntervalSince1970 * 1000),
        ]
        if !bindings.isEmpty { body["bindings"] = bindings.mapValues(\.json) }
        let url = configuration.baseURL + "/queries/v1/query-request?requestId=\(requestID)"
        var response = try call(.POST, url, body: try JSONSerialization.data(withJSONObject: body), interrupted: interrupted)
        // A long query answers "in progress" with a result URL to poll (Snowflake holds each poll
        // open for a while, so this is not a busy loop).
        var polls = 0
        while let code = response.code, SnowflakeProtocol.inProgressCodes.contains(code) {
            guard let resultURL = response.data?.getResultUrl ?? response.data?.queryId.map({ "/queries/\($0)/result" }) else {
                throw WarehouseError.queryFailed("Snowflake said the query is still running but gave no result URL")
            }
            polls += 1
            if polls > 1 { try pause(milliseconds: min(50 * polls, 1000), interrupted: interrupted) }
            response = try call(.GET, configuration.baseURL + resultURL, body: nil, interrupted: interrupted)
        }
        guard response.success == true, let data = response.data else {
            throw statementFailure(response)
        }
        return data
    }

    /// Sends abort-request for a running statement (best effort: the caller stops waiting anyway).
    func abort(_ running: Running) {
        let body = try? JSONSerialization.data(withJSONObject: ["sqlText": running.sql, "requestId": running.requestID])
        _ = try? SnowflakeHTTP.send(.POST, configuration.baseURL + "/queries/v1/abort-request?requestId=\(UUID().uuidString.lowercased())",
                                    headers: authorizedHeaders(), body: body.map(Array.init),
                                    interrupted: { nil })
    }

    /// Deletes the session on the server; later calls fail.
    func close() {
        let wasOpen = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        guard wasOpen else { return }
        heartbeat?.cancel()
        _ = try? SnowflakeHTTP.send(.POST, configuration.baseURL + "/session?delete=true", headers: authorizedHeaders(), body: nil)
    }

    private func startHeartbeat(seconds: Double) {
        let interval = TimeAmount.milliseconds(Int64(seconds * 1000))
        let loop = SnowflakeHTTP.client.eventLoopGroup.next()
        heartbeat = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            guard let self, !self.lock.withLock({ self.closed }) else { return }
            let request = try? SnowflakeHTTP.start(.POST, self.configuration.baseURL + "/session/heartbeat?requestId=\(UUID().uuidString.lowercased())",
                                                   headers: self.authorizedHeaders(), body: nil)
            _ = request  // fire and forget: a failed heartbeat shows up as an expired session later
        }
    }

    // MARK: Plumbing

    private static func jsonHeaders() -> [(String, String)] {
        [("Content-Type", "application/json"), ("Accept", "application/snowflake")]
    }

    private func authorizedHeaders() -> [(String, String)] {
        Self.jsonHeaders() + [("Authorization", "Snowflake Token=\"\(lock.withLock { token })\"")]
    }

    private func call(_ method: HTTPMethod, _ url: String, body: Data?,
                      interrupted: @escaping () -> SnowflakeHTTP.Interruption?) throws -> SnowflakeProtocol.Envelope<SnowflakeProtocol.QueryData> {
        let response: SnowflakeHTTP.Response
        do {
            response = try SnowflakeHTTP.send(method, url, headers: authorizedHeaders(), body: body.map(Array.init), interrupted: interrupted)
        } catch let interruption as SnowflakeHTTP.Interruption {
            throw interruption
        } catch {
            throw WarehouseError.cannotConnect("lost the connection to Snowflake at \(configuration.host): \(SnowflakeHTTP.describe(error))")
        }
        if response.status == 401 || response.status == 403 {
            let envelope = try? JSONDecoder().decode(SnowflakeProtocol.Envelope<SnowflakeProtocol.QueryData>.self, from: Data(response.body))
            throw WarehouseError.cannotConnect("the Snowflake session is no longer valid (\(envelope?.code ?? "HTTP \(response.status)")): \(Sanitize.sentence(envelope?.message ?? "log in again"))")
        }
        guard let envelope = try? JSONDecoder().decode(SnowflakeProtocol.Envelope<SnowflakeProtocol.QueryData>.self, from: Data(response.body)) else {
            throw WarehouseError.cannotConnect("Snowflake at \(configuration.host) answered HTTP \(response.status) with a body that is not its JSON")
        }
        if envelope.success != true, ["390104", "390112", "390114"].contains(envelope.code ?? "") {
            throw WarehouseError.cannotConnect("the Snowflake session expired (\(envelope.code!)); reconnect")
        }
        return envelope
    }

    private func pause(milliseconds: Int, interrupted: () -> SnowflakeHTTP.Interruption?) throws {
        var left = milliseconds
        while left > 0 {
            if let reason = interrupted() { throw reason }
            usleep(UInt32(min(left, 50)) * 1000)
            left -= 50
        }
    }

    private func statementFailure(_ r: SnowflakeProtocol.Envelope<SnowflakeProtocol.QueryData>) -> WarehouseError {
        let code = r.code ?? r.data?.errorCode ?? ""
        let message = Sanitize.sentence(r.message ?? "no message")
        switch code {
        case "000604": return .cancelled
        case "000630":
            return .timeout("the query ran longer than the statement timeout of \(Self.timeoutSeconds(statementTimeoutSeconds)) s and Snowflake stopped it")
        case "000606":
            return .queryFailed("Snowflake error 000606: \(message) (add warehouse=NAME to the URL or grant the role a default warehouse)")
        default:
            let state = r.data?.sqlState.map { " (\($0))" } ?? ""
            return .queryFailed("Snowflake error \(code.isEmpty ? "?" : code)\(state): \(message)")
        }
    }

    /// Whole seconds for STATEMENT_TIMEOUT_IN_SECONDS (0 = none).
    static func timeoutSeconds(_ seconds: Double) -> Int {
        guard seconds > 0, seconds.isFinite else { return 0 }
        return min(604_800, max(1, Int(seconds.rounded(.up))))
    }

    private static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    // MARK: Results

    func deliver(_ data: SnowflakeProtocol.QueryData, interrupted: @escaping () -> SnowflakeHTTP.Interruption?,
                         onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        let rowtype = data.rowtype ?? []
        try onColumns(SnowflakeValues.columns(rowtype))
        let arrow = (data.queryResultFormat ?? "json").lowercased() == "arrow"
        if arrow {
            if let base64 = data.rowsetBase64, !base64.isEmpty {
                guard let bytes = Data(base64Encoded: base64) else {
                    throw WarehouseError.queryFailed("Snowflake sent a result that is not valid base64")
                }
                try Self.readArrow(Array(bytes), rowtype: rowtype, onRow: onRow)
            }
        } else {
            for row in data.rowset ?? [] {
                try onRow(Self.jsonRow(row, rowtype))
            }
        }
        let chunks = data.chunks ?? []
        guard !chunks.isEmpty else { return }
        var headers: [(String, String)] = (data.chunkHeaders ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if headers.isEmpty, let qrmk = data.qrmk {
            headers = [("x-amz-server-side-encryption-customer-algorithm", "AES256"),
                       ("x-amz-server-side-encryption-customer-key", qrmk)]
        }
        try readChunks(chunks, headers: headers, arrow: arrow, rowtype: rowtype, interrupted: interrupted, onRow: onRow)
    }

    /// Downloads result chunks in order, keeping up to `chunkPrefetch` requests in flight ahead of the
    /// chunk being read, so memory holds a few chunks however large the result.
    func readChunks(_ chunks: [SnowflakeProtocol.Chunk], headers: [(String, String)], arrow: Bool, rowtype: [SnowflakeRowType],
                    interrupted: @escaping () -> SnowflakeHTTP.Interruption?, onRow: ([Value]) throws -> Void) throws {
        var inFlight: [HTTPClient.Task<HTTPClient.Response>] = []
        var next = 0
        defer { for task in inFlight { task.cancel() } }
        func refill() throws {
            while next < chunks.count, inFlight.count < Self.chunkPrefetch {
                do {
                    inFlight.append(try SnowflakeHTTP.start(.GET, chunks[next].url, headers: headers, body: nil))
                } catch {
                    throw WarehouseError.cannotConnect("cannot fetch Snowflake result chunk \(next + 1) of \(chunks.count): \(SnowflakeHTTP.describe(error))")
                }
                next += 1
            }
        }
        for index in chunks.indices {
            try refill()
            let task = inFlight.removeFirst()
            let response: SnowflakeHTTP.Response
            do {
                response = try SnowflakeHTTP.wait(task, interrupted: interrupted)
            } catch let interruption as SnowflakeHTTP.Interruption {
                throw interruption
            } catch {
                throw WarehouseError.cannotConnect("lost the connection while reading Snowflake result chunk \(index + 1) of \(chunks.count): \(SnowflakeHTTP.describe(error))")
            }
            guard response.status == 200 else {
                throw WarehouseError.cannotConnect("Snowflake result chunk \(index + 1) of \(chunks.count) could not be downloaded (HTTP \(response.status)); the result may have expired")
            }
            if arrow {
                try Self.readArrow(response.body, rowtype: rowtype, onRow: onRow)
            } else {
                try Self.readJSONChunk(response.body, rowtype: rowtype, onRow: onRow)
            }
        }
    }

    static func readArrow(_ bytes: [UInt8], rowtype: [SnowflakeRowType], onRow: ([Value]) throws -> Void) throws {
        do {
            var checked = false
            try ArrowStreamReader.read(bytes, schema: { schema in
                try SnowflakeValues.check(schema, against: rowtype)
                checked = true
            }) { batch in
                precondition(checked)
                var row = [Value](repeating: .null, count: batch.columns.count)
                for r in 0..<batch.length {
                    for (c, column) in batch.columns.enumerated() {
                        row[c] = SnowflakeValues.value(column, r, rowtype[c])
                    }
                    try onRow(row)
                }
            }
        } catch let error as ArrowError {
            throw WarehouseError.queryFailed("Snowflake's Arrow result could not be read: \(error.description)")
        }
    }

    static func jsonRow(_ row: [String?], _ rowtype: [SnowflakeRowType]) throws -> [Value] {
        guard row.count == rowtype.count else {
            throw WarehouseError.queryFailed("Snowflake sent a row of \(row.count) values for \(rowtype.count) columns")
        }
        return zip(row, rowtype).map { SnowflakeValues.value(json: $0, $1) }
    }

    /// A JSON chunk is rows separated by commas without the enclosing brackets: `[…],[…]`.
    static func readJSONChunk(_ bytes: [UInt8], rowtype: [SnowflakeRowType], onRow: ([Value]) throws -> Void) throws {
        let wrapped = Data([UInt8(ascii: "[")] + bytes + [UInt8(ascii: "]")])
        guard let rows = try? JSONDecoder().decode([[String?]].self, from: wrapped) else {
            throw WarehouseError.queryFailed("a Snowflake JSON result chunk is malformed")
        }
        for row in rows { try onRow(try jsonRow(row, rowtype)) }
    }
}
