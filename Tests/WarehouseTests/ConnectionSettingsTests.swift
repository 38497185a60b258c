import Foundation
import Testing
@testable import Warehouse

@Suite("Connection settings file")
struct ConnectionSettingsTests {
    private func project(_ text: String?) throws -> String {
        let dir = TempFile.path("settings")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let text { try text.write(toFile: dir + "/spyglass.connections", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func readsNamesAndInterpolatesEnvironment() throws {
        let root = try project("""
            # analytics warehouse
            warehouse = postgresql://analyst:${WAREHOUSE_PASSWORD}@${DB_HOST}:5432/analytics?sslmode=require

              local=sqlite:data/demo.db
            absolute = sqlite:/var/data/x.db
            bare = data/bare.sqlite
            home = sqlite:~/h.db
            """)
        let settings = try ConnectionSettings.load(projectRoot: root, environment: [
            "WAREHOUSE_PASSWORD": "p@ss", "DB_HOST": "db.internal", "HOME": "/home/ann",
        ])
        #expect(settings.url(for: "warehouse") == "postgresql://analyst:p@ss@db.internal:5432/analytics?sslmode=require")
        #expect(settings.url(for: "local") == "sqlite:\(root)/data/demo.db")
        #expect(settings.url(for: "absolute") == "sqlite:/var/data/x.db")
        #expect(settings.url(for: "nope") == nil)
        #expect(settings.url(for: "bare") == "\(root)/data/bare.sqlite")
        #expect(settings.url(for: "home") == "sqlite:/home/ann/h.db")
        #expect(settings.names == ["absolute", "bare", "home", "local", "warehouse"])
    }

    @Test func missingEnvironmentVariableIsNamed() throws {
        let root = try project("# first\nwarehouse = postgresql://u:${MISSING_SECRET}@h/db\n")
        #expect(throws: ConnectionSettingsError(path: root + "/spyglass.connections", line: 2,
                                                message: "environment variable MISSING_SECRET is not set")) {
            try ConnectionSettings.load(projectRoot: root, environment: [:])
        }
    }

    @Test func malformedLinesAreReportedWithTheirLine() throws {
        #expect(throws: ConnectionSettingsError(path: "spyglass.connections", line: 1, message: "expected `name = URL`")) {
            try ConnectionSettings.parse("just a url", environment: [:])
        }
        #expect(throws: ConnectionSettingsError(path: "spyglass.connections", line: 2, message: "connection a is defined twice")) {
            try ConnectionSettings.parse("a = sqlite:x.db\na = sqlite:y.db", environment: [:])
        }
        #expect(throws: ConnectionSettingsError(path: "spyglass.connections", line: 1, message: "unterminated ${ in the URL")) {
            try ConnectionSettings.parse("a = postgresql://${X@h/db", environment: ["X": "1"])
        }
    }

    @Test func projectWithoutTheFileHasNoConnections() throws {
        let settings = try ConnectionSettings.load(projectRoot: try project(nil), environment: [:])
        #expect(settings.names.isEmpty)
    }

    @Test func settingsURLConnects() throws {
        let root = try project("local = sqlite:local.db\n")
        let loader = try Warehouse.openLoader("sqlite:" + root + "/local.db")
        try loader.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)")
        loader.close()
        let url = try #require(try ConnectionSettings.load(projectRoot: root, environment: [:]).url(for: "local"))
        #expect(try Warehouse.connect(url).query("SELECT x FROM t", maxRows: 1).rows == [[.int(42)]])
    }
}
