import Foundation
import LookML
import QueryEngine
import SemanticModel

extension Workspace {
    /// The user to run as: `account` itself, or `name` when `account` may impersonate (spyglass.users
    /// `can_impersonate`). Running as yourself needs no grant.
    static func resolveUser(_ name: String?, account: String, users: UserDirectory) throws -> User {
        let me = users.user(named: account)
        guard let name, name != account else { return me }
        guard me.canImpersonate else {
            throw SpyglassError(.usage, "--as \(name): \(account) may not run Spyglass as another user (\(UserDirectory.fileName) does not give \(account) can_impersonate)")
        }
        guard !name.isEmpty, users.knows(name) else {
            throw SpyglassError(.usage, "--as \(name): no such user in \(UserDirectory.fileName) or on this system")
        }
        return users.user(named: name)
    }

    /// A workspace on the same project and warehouse that runs as `name` (one report recipient),
    /// refused unless the account running Spyglass may impersonate. Settings are copied; connections
    /// are not shared.
    public func acting(as name: String) throws -> Workspace {
        let user = try Self.resolveUser(name, account: account, users: users)
        let other = Workspace(project: fullProject, projectRoot: projectRoot, databaseOverride: databaseOverride, settings: settings,
                              users: users, account: account, user: user)
        var options = compileOptions
        options.userAttributes = user.compileAttributes
        options.userName = user.name
        other.compileOptions = options
        other.connectionOptions = connectionOptions
        other.progress = progress
        return other
    }
}

extension Workspace {
    /// Access rules naming a user attribute that `spyglass.users` gives no one (not even by default):
    /// an access filter on it refuses every query, a grant on it is never met.
    public var accessDiagnostics: [Diagnostic] {
        let known = users.attributeNames.union(["email"])
        var out: [Diagnostic] = []
        func unknown(_ attribute: String) -> Bool { !known.contains(attribute) }
        let source = users.exists ? "\(UserDirectory.fileName) gives no one" : "there is no \(UserDirectory.fileName) to give it"
        for model in fullProject.models {
            for name in model.accessGrants.keys.sorted() {
                let grant = model.accessGrants[name]!
                guard unknown(grant.userAttribute) else { continue }
                out.append(.warning("access_grant '\(name)' reads user attribute '\(grant.userAttribute)', which \(source); no one meets the grant", at: grant.location))
            }
            for explore in model.explores {
                for filter in explore.accessFilters where unknown(filter.userAttribute) {
                    out.append(.warning("access_filter of explore '\(explore.name)' reads user attribute '\(filter.userAttribute)', which \(source); every query of the explore is refused",
                                        at: filter.location ?? explore.location))
                }
            }
        }
        return out
    }
}
