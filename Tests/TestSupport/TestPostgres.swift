import Foundation
import Warehouse

/// A throwaway PostgreSQL cluster for tests and benchmarks: a real server in a temp dir, started once
/// per process on a free loopback port, stopped and deleted when the process exits.
public enum TestPostgres {
    /// Starts the cluster on first use (thread-safe), then creates a NEW empty database for the
    /// caller and returns its libpq URI: "postgresql://postgres@127.0.0.1:PORT/<prefix>_<pid>_<n>".
    public static func createDatabase(prefix: String = "t") throws -> String {
        let cluster = try TestCluster.shared()
        let name = cluster.nextDatabaseName(prefix: prefix)
        try execute("CREATE DATABASE \(name)", in: cluster.url(database: "postgres"))
        return cluster.url(database: name)
    }

    /// Runs SQL (one or more statements) as the superuser against a database: fixtures.
    public static func execute(_ sql: String, in url: String) throws {
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        try loader.execute(sql)
    }

    /// The URI of the cluster's `postgres` database (starting the cluster if needed).
    public static func serverURL() throws -> String {
        try TestCluster.shared().url(database: "postgres")
    }
}
