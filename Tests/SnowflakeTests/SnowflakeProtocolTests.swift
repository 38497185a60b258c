import Foundation
import Testing
@testable import Warehouse

/// The driver protocol's paths that fakesnow never takes, against the scripted stand-in: chunked
/// results with their headers, polling while a query runs, abort on cancel, the client-side deadline,
/// key-pair JWT checked by a verifier, and the error codes a Snowflake user meets.
@Suite("Snowflake protocol (scripted server)", .serialized)
struct SnowflakeProtocolTests {
    var server: ScriptedSnowflake { get throws { try ScriptedSnowflake.shared.get() } }

    private func rows(_ url: String, _ sql: String) throws -> ResultSet {
        try Warehouse.connect(url).query(sql, maxRows: 1_000_000)
    }

    private func failure(_ body: () throws -> Void) -> WarehouseError? {
        do {
            try body()
            return nil
        } catch let error as WarehouseError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func arrowChunksAreFetchedWithTheirHeadersAndKeptInOrder() throws {
        let result = try rows(try server.url(), "arrow chunks")
        #expect(result.columns == [Column(name: "ID", type: .int), Column(name: "NAME", type: .string)])
        #expect(result.rows.count == 3010)
        for (i, row) in result.rows.enumerated() {
            #expect(row[0] == .int(Int64(i)))
            #expect(row[1] == (i % 10 == 0 ? .null : .string("n\(i)")))
        }
        let chunkRequests = try server.requests().filter { ($0["path"] as? String ?? "").hasPrefix("/chunk/arrow/") }
        #expect(chunkRequests.count >= 3)
        for request in chunkRequests {
            #expect((request["headers"] as? [String: String])?["x-test-chunk-key"] == "secret-chunk-key")
        }
    }

    @Test func gzipJSONChunksUseTheQRMKAsTheEncryptionKeyHeader() throws {
        let result = try rows(try server.url(), "json chunks")
        #expect(result.rows.count == 1002)
        #expect(result.rows[0] == [.int(0), .null] && result.rows[1] == [.int(1), .string("n1")])
        #expect(result.rows[1001] == [.int(1001), .string("n1001")])
        #expect(result.rows.map { $0[0] } == (0..<1002).map { Value.int(Int64($0)) })
    }

    @Test func aQueryStillRunningIsPolledUntilItsResultArrives() throws {
        let result = try rows(try server.url(), "long query")
        #expect(result.rows == [[.int(7), .string("after polling")]])
        let polls = try server.requests().filter { ($0["path"] as? String) == "/queries/q-long/result" }
        #expect(polls.count == 3)
    }

    @Test func loginSendsQueryTagTimeoutAndContextAndCloseDeletesTheSession() throws {
        let url = try server.url(user: "tagger", extra: "&warehouse=WH%201&role=ANALYST&query_tag=nightly")
        do {
            let connection = try Warehouse.connect(url, options: ConnectionOptions(statementTimeoutSeconds: 42))
            _ = try connection.query("json chunks", maxRows: 2000)
        }
        let requests = try server.requests()
        let login = try #require(requests.last { ($0["path"] as? String ?? "").hasPrefix("/session/v1/login-request") &&
                ((($0["body"] as? [String: Any])?["data"] as? [String: Any])?["LOGIN_NAME"] as? String) == "tagger" })
        let path = login["path"] as! String
        #expect(path.contains("databaseName=DB") && path.contains("schemaName=PUBLIC") && path.contains("warehouse=WH%201")
                && path.contains("roleName=ANALYST"))
        let data = (login["body"] as! [String: Any])["data"] as! [String: Any]
        let parameters = data["SESSION_PARAMETERS"] as! [String: Any]
        #expect(parameters["QUERY_TAG"] as? String == "nightly")
        #expect((parameters["STATEMENT_TIMEOUT_IN_SECONDS"] as? NSNumber)?.intValue == 42)
        #expect(data["PASSWORD"] as? String == "right" && data["ACCOUNT_NAME"] as? String == "XY12345")
        let delete = requests.last { ($0["path"] as? String) == "/session?delete=true" }
        #expect((delete?["headers"] as? [String: String])?["authorization"] == "Snowflake Token=\"tok-tagger\"")
    }

    @Test func wrongPasswordIsOneSentenceWithoutThePassword() throws {
        let error = failure { _ = try Warehouse.connect(try server.url(password: "s3cr3t-wrong")) }
        #expect(error == .cannotConnect("Snowflake refused the login: incorrect user name or password for analyst on account xy12345.us-east-1"))
        #expect(error?.exitCode == 3)
    }

    @Test func missingRoleNamesTheRole() throws {
        let error = failure { _ = try Warehouse.connect(try server.url(user: "norole")) }
        #expect(error?.description.hasPrefix("Snowflake refused the login (390189): Role 'NOPE' specified in the connect string does not exist") == true)
    }

    @Test func keyPairLoginIsVerifiedWithThePublicKey() throws {
        let key = ScriptedSnowflake.fixtures + "/jwt_key.p8"
        let result = try rows(try server.url(user: "keyuser", password: nil, extra: "&private_key_file=\(key)"), "long query")
        #expect(result.rows.count == 1)
        let login = try server.requests().last { ($0["path"] as? String ?? "").hasPrefix("/session/v1/login-request") }
        let data = (login?["body"] as? [String: Any])?["data"] as? [String: Any]
        #expect(data?["AUTHENTICATOR"] as? String == "SNOWFLAKE_JWT" && data?["PASSWORD"] == nil)
    }

    @Test func encryptedKeyNeedsItsPassphrase() throws {
        let key = ScriptedSnowflake.fixtures + "/jwt_key_encrypted.p8"
        let url = try server.url(user: "keyuser", password: nil, extra: "&private_key_file=\(key)")
        let missing = failure { _ = try SnowflakeConnection(url: url, options: .init(), environment: [:]) }
        #expect(missing == .cannotConnect("cannot use the Snowflake private key \(key): it is encrypted; set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE to its passphrase"))
        let wrong = failure { _ = try SnowflakeConnection(url: url, options: .init(), environment: ["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE": "nope"]) }
        #expect(wrong == .cannotConnect("cannot use the Snowflake private key \(key): it cannot be decrypted; check SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"))
        let connection = try SnowflakeConnection(url: url, options: .init(), environment: ["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE": "spyglass-test"])
        #expect(try connection.query("long query", maxRows: 10).rows.count == 1)
    }

    @Test func aKeyThatDoesNotMatchTheUsersPublicKeyIsRefused() throws {
        // A valid RSA key, but not the one whose public half the server holds.
        let other = ScriptedSnowflake.fixtures + "/other_key.p8"
        let error = failure { _ = try Warehouse.connect(try server.url(user: "keyuser", password: nil, extra: "&private_key_file=\(other)")) }
        #expect(error?.description.hasPrefix("Snowflake refused the key-pair login for keyuser: JWT token is invalid.") == true)
    }

    @Test func sqlErrorsCarrySnowflakesCodeStateAndMessageOnOneLine() throws {
        let connection = try Warehouse.connect(try server.url())
        let error = failure { _ = try connection.query("select * from nope", maxRows: 10) }
        #expect(error == .queryFailed("Snowflake error 002003 (42S02): SQL compilation error: Object 'NOPE' does not exist or not authorized."))
        #expect(error?.exitCode == 1)
        let warehouse = failure { _ = try connection.query("no warehouse", maxRows: 10) }
        #expect(warehouse?.description.contains("(add warehouse=NAME to the URL or grant the role a default warehouse)") == true)
        #expect(warehouse?.description.contains("\n") == false)
        // The session is still usable after errors.
        #expect(try connection.query("long query", maxRows: 10).rows.count == 1)
    }

    @Test func snowflakesStatementTimeoutIsATimeout() throws {
        let error = failure { _ = try Warehouse.connect(try server.url(), options: ConnectionOptions(statementTimeoutSeconds: 1)).query("timeout", maxRows: 1) }
        #expect(error == .timeout("the query ran longer than the statement timeout of 1 s and Snowflake stopped it"))
        #expect(error?.exitCode == 4)
    }

    @Test func theClientSideDeadlineAbortsAQueryThatNeverAnswers() throws {
        let connection = try SnowflakeConnection(url: try server.url(user: "deadline"), options: ConnectionOptions(statementTimeoutSeconds: 0.5))
        connection.clientGraceSeconds = 0.5
        let started = Date()
        let error = failure { _ = try connection.query("never answers", maxRows: 1) }
        #expect(error == .timeout("Snowflake did not finish the query within the timeout of 0.5 s; Spyglass aborted it"))
        #expect(Date().timeIntervalSince(started) < 5)
        let abort = try server.requests().last { ($0["path"] as? String ?? "").hasPrefix("/queries/v1/abort-request") }
        #expect((abort?["body"] as? [String: Any])?["sqlText"] as? String == "never answers")
    }

    @Test func cancelSendsAbortRequestAndReturnsAtOnce() throws {
        let connection = try SnowflakeConnection(url: try server.url(user: "canceller"), options: .init())
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { connection.cancel() }
        let started = Date()
        let error = failure { _ = try connection.query("never answers", maxRows: 1) }
        #expect(error == .cancelled)
        #expect(Date().timeIntervalSince(started) < 3)
        // The abort is sent by the cancelling thread; give the server a moment to log it.
        var requests = try server.requests()
        for _ in 0..<40 where !requests.contains(where: { ($0["path"] as? String ?? "").hasPrefix("/queries/v1/abort-request") &&
                                                          ($0["headers"] as? [String: String])?["authorization"] == "Snowflake Token=\"tok-canceller\"" }) {
            usleep(50_000)
            requests = try server.requests()
        }
        let sent = requests.last { ($0["path"] as? String ?? "").hasPrefix("/queries/v1/query-request") &&
            ($0["headers"] as? [String: String])?["authorization"] == "Snowflake Token=\"tok-canceller\"" }
        let requestID = (sent?["path"] as? String)?.split(separator: "=").last.map(String.init)
        let abort = requests.last { ($0["path"] as? String ?? "").hasPrefix("/queries/v1/abort-request") &&
            ($0["headers"] as? [String: String])?["authorization"] == "Snowflake Token=\"tok-canceller\"" }
        #expect(requestID != nil && (abort?["body"] as? [String: Any])?["requestId"] as? String == requestID)
    }

    @Test func anExpiredChunkAndADroppedConnectionAreConnectionErrors() throws {
        let connection = try Warehouse.connect(try server.url())
        let expired = failure { _ = try connection.query("expired chunk", maxRows: 10_000) }
        #expect(expired == .cannotConnect("Snowflake result chunk 1 of 1 could not be downloaded (HTTP 403); the result may have expired"))
        let dropped = failure { _ = try connection.query("dropped chunk", maxRows: 10_000) }
        #expect(dropped?.description.hasPrefix("lost the connection while reading Snowflake result chunk 1 of 1") == true, "\(String(describing: dropped))")
        #expect(dropped?.exitCode == 3)
    }

    @Test func anUnreachableHostIsCannotConnectAtOnce() throws {
        let started = Date()
        let error = failure { _ = try Warehouse.connect("snowflake://u:p@acct/DB/PUBLIC?host=127.0.0.1&port=1&protocol=http") }
        #expect(error == .cannotConnect("cannot reach Snowflake at 127.0.0.1:1: the connection was refused"))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
