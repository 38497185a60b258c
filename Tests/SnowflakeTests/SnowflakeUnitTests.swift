import Foundation
import Testing
@testable import Warehouse

@Suite("Snowflake URL, JWT and value decoding")
struct SnowflakeUnitTests {
    @Test func urlWithEveryParameter() throws {
        let c = try SnowflakeConfiguration("snowflake://ana%40corp:p%2Fw@myorg-acct/ANALYTICS/MARTS?warehouse=WH&role=READER&query_tag=team&authenticator=snowflake")
        #expect(c.user == "ana@corp" && c.password == "p/w" && c.account == "myorg-acct")
        #expect(c.database == "ANALYTICS" && c.schema == "MARTS" && c.warehouse == "WH" && c.role == "READER")
        #expect(c.queryTag == "team" && c.authenticator == .password)
        #expect(c.baseURL == "https://myorg-acct.snowflakecomputing.com:443")
        let local = try SnowflakeConfiguration("snowflake://u@a?host=127.0.0.1&port=8080&protocol=http&private_key_file=/k.p8")
        #expect(local.baseURL == "http://127.0.0.1:8080" && local.authenticator == .keyPair && local.database == nil)
        #expect(local.queryTag == "spyglass")
    }

    @Test func urlMistakesAreUsageErrorsWithThePasswordHidden() {
        func error(_ url: String) -> String {
            do { _ = try SnowflakeConfiguration(url); return "ok" } catch { return "\(error)" }
        }
        #expect(error("snowflake://acct/DB") == "the Snowflake URL \"snowflake://acct/DB\" names no user (snowflake://USER@ACCOUNT/…)")
        #expect(error("snowflake://u:secret@a/DB?colour=blue") == "the Snowflake URL \"snowflake://u:***@a/DB?colour=blue\" has an unknown parameter \"colour\"; known: authenticator, host, password, port, private_key_file, protocol, query_tag, role, warehouse")
        #expect(error("snowflake://u@a?authenticator=snowflake_jwt") == "the Snowflake URL \"snowflake://u@a?authenticator=snowflake_jwt\" asks for key-pair authentication but has no private_key_file=PATH")
        #expect(error("snowflake://u@a?port=99999") == "the Snowflake URL \"snowflake://u@a?port=99999\" has port \"99999\"; use a number from 1 to 65535")
        #expect(error("snowflake://u@a/d/s/x") == "the Snowflake URL \"snowflake://u@a/d/s/x\" has more than DATABASE/SCHEMA in its path")
        #expect(throws: WarehouseError.self) { try Warehouse.dialectName(for: "snowflake://nobody") }
        #expect(try! Warehouse.dialectName(for: "snowflake://u@a/DB/S") == "snowflake")
    }

    /// The vector was made by pyjwt with the `cryptography` package (Fixtures/make_jwt_vector.py):
    /// RS256 (PKCS#1 v1.5) is deterministic, so our token must match it byte for byte.
    @Test func jwtMatchesPyJWTsTokenForTheSameKeyAndTime() throws {
        let fixtures = ScriptedSnowflake.fixtures
        let vector = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/jwt_vector.json"))) as! [String: Any]
        let key = try SnowflakeKeyPair.load(path: fixtures + "/jwt_key.p8", passphrase: nil)
        #expect(key.publicKeyFingerprint == vector["fingerprint"] as? String)
        let token = try key.jwt(account: vector["account"] as! String, user: vector["user"] as! String, issuedAt: vector["iat"] as! Int)
        #expect(token == vector["jwt"] as? String)
        // The encrypted copy of the same key (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) signs identically.
        let decrypted = try SnowflakeKeyPair.load(path: fixtures + "/jwt_key_encrypted.p8", passphrase: "spyglass-test")
        #expect(try decrypted.jwt(account: "xy12345.us-east-1", user: "analyst", issuedAt: vector["iat"] as! Int) == token)
    }

    @Test func accountForTheJWTDropsRegionAndKeepsOrgAccountNames() {
        #expect(SnowflakeKeyPair.accountForJWT("xy12345.us-east-1") == "XY12345")
        #expect(SnowflakeKeyPair.accountForJWT("myorg-myaccount") == "MYORG-MYACCOUNT")
    }

    @Test func jsonRowsetValuesOfEveryType() {
        func v(_ text: String?, _ type: String, scale: Int = 0) -> Value {
            SnowflakeValues.value(json: text, SnowflakeRowType(name: "c", type: type, scale: scale))
        }
        #expect(v("42", "fixed") == .int(42))
        #expect(v("123456789012345678901234567890", "fixed") == .decimal("123456789012345678901234567890"))
        #expect(v("-12.50", "fixed", scale: 2) == .decimal("-12.50"))
        #expect(v("1.5", "real") == .double(1.5))
        #expect(v("1", "boolean") == .bool(true) && v("false", "boolean") == .bool(false))
        #expect(v("19782", "date") == .date(LocalDate(year: 2024, month: 2, day: 29)))
        #expect(v("-1", "date") == .date(LocalDate(year: 1969, month: 12, day: 31)))
        #expect(v("3723.500000000", "time", scale: 9) == .string("01:02:03.5"))
        let leap = LocalDateTime(date: LocalDate(year: 2024, month: 2, day: 29), hour: 13, minute: 14, second: 15, nanosecond: 123_456_000)
        #expect(v("1709212455.123456000", "timestamp_ntz", scale: 9) == .timestamp(leap))
        #expect(v("1709212455.123456000 1500", "timestamp_tz", scale: 9) == .timestamp(leap))
        #expect(v("-1.500000000", "timestamp_ltz", scale: 9) == .timestamp(LocalDateTime(
            date: LocalDate(year: 1969, month: 12, day: 31), hour: 23, minute: 59, second: 58, nanosecond: 500_000_000)))
        #expect(v("{\"a\": 1}", "variant") == .string("{\"a\": 1}"))
        #expect(v(nil, "fixed") == .null)
        #expect(SnowflakeRowType(name: "x", type: "fixed", scale: 2).columnType == .decimal)
        #expect(SnowflakeRowType(name: "x", type: "timestamp_tz").columnType == .timestamp)
        #expect(SnowflakeRowType(name: "x", type: "variant").columnType == .string)
    }

    @Test func scaledIntegerTimestampsAndTimes() {
        #expect(SnowflakeValues.split(-1, scale: 3) == (-1, 999_000_000))
        #expect(SnowflakeValues.timeText(45_296_789, scale: 3) == "12:34:56.789")
        #expect(SnowflakeValues.timeText(0, scale: 0) == "00:00:00")
    }

    @Test func bindEncodingFollowsTheDrivers() {
        #expect(SnowflakeProtocol.Binding.encode(.date(LocalDate(year: 1970, month: 1, day: 2))) == ("DATE", "86400000"))
        #expect(SnowflakeProtocol.Binding.encode(.timestamp(LocalDateTime(date: LocalDate(year: 1970, month: 1, day: 1), hour: 0, minute: 0, second: 1, nanosecond: 5)))
                == ("TIMESTAMP_NTZ", "1000000005"))
        #expect(SnowflakeProtocol.Binding.encode(.bool(true)) == ("BOOLEAN", "true"))
        #expect(SnowflakeProtocol.Binding.encode(.null) == ("TEXT", nil))
    }

    @Test func csvForStagedLoadsQuotesTextAndMarksNull() {
        var encoder = SnowflakeCSVEncoder()
        encoder.append([.int(1), .string("a \"quoted\", comma\nline"), .null, .string(""), .bool(false), .double(0.25),
                        .date(LocalDate(year: 2024, month: 1, day: 2)),
                        .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 1, day: 2), hour: 3, minute: 4, second: 5, nanosecond: 600_000_000))])
        #expect(String(decoding: encoder.bytes, as: UTF8.self) == "1,\"a \"\"quoted\"\", comma\nline\",\\N,\"\",false,0.25,2024-01-02,2024-01-02 03:04:05.600000000\n")
    }

    @Test func loaderIdentifiersFoldLikeUnquotedNames() {
        #expect(SnowflakeLoader.identifier("dim_users") == "dim_users")
        #expect(SnowflakeLoader.identifier("Order Items") == "\"Order Items\"")
        #expect(SnowflakeLoader.qualifiedIdentifier("marts.fct_events") == "marts.fct_events")
        #expect(SnowflakeLoader.split("create table a (x text default 'a;b'); insert into a values ('c')") ==
                ["create table a (x text default 'a;b')", "insert into a values ('c')"])
    }
}
