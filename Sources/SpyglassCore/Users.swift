import Foundation
import Yams

/// One person as Spyglass treats them: their account name, email, attributes and admin grants.
public struct User: Sendable, Hashable {
    public var name: String
    public var email: String?
    /// Attribute values as written (string, number, yes/no, or a Looker filter expression).
    public var attributes: [String: String]
    /// May run Spyglass as another user (`--as`, `report --to-users`).
    public var canImpersonate: Bool
    /// Whether `spyglass.users` lists them by name (else they got the defaults).
    public var listed: Bool
    /// The groups they belong to, in file order.
    public var groups: [String]

    /// What the compiler reads: the attributes, plus Looker's built-in `email` unless the file sets one.
    public var compileAttributes: [String: String] {
        var out = attributes
        if out["email"] == nil, let email { out["email"] = email }
        return out
    }
}

/// `spyglass.users` at the project root: who may see what. Written by whoever deploys Spyglass.
///
/// ```yaml
/// default:                 # users not listed get these
///   attributes: {}
/// groups:                  # optional; a member gets the group's attributes under their own
///   emea: {members: [alice], attributes: {region: "EMEA"}}
/// users:
///   alice: {email: alice@example.com, attributes: {country: "DE"}}
///   root: {can_impersonate: true}
/// ```
/// Precedence: default, then each group in file order, then the user's own entry.
public struct UserDirectory: Sendable {
    public static let fileName = "spyglass.users"

    struct Entry: Sendable {
        var email: String?
        var attributes: [String: String] = [:]
        var canImpersonate: Bool?
        var members: [String] = []
    }

    var defaults = Entry()
    var groups: [(name: String, entry: Entry)] = []
    var users: [String: Entry] = [:]
    /// Listed user names in file order.
    public private(set) var userNames: [String] = []
    /// Whether the project has a `spyglass.users` file at all.
    public private(set) var exists = false

    public init() {}

    /// Reads `spyglass.users` from the project root; no file means everyone gets empty defaults.
    public static func load(projectRoot: String) throws -> UserDirectory {
        let path = (projectRoot as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return UserDirectory() }
        var directory = try parse(String(decoding: data, as: UTF8.self))
        directory.exists = true
        return directory
    }

    /// Parses the file's text; problems are one sentence naming the line.
    public static func parse(_ text: String) throws -> UserDirectory {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SpyglassError(.model, "\(fileName) is not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        var out = UserDirectory()
        guard let root else { return out }
        guard let top = root.mapping else { throw problem(root, "must be a mapping with 'default', 'groups' and 'users'") }
        for (key, value) in top {
            switch key.string {
            case "default": out.defaults = try entry(value, owner: "default")
            case "groups":
                guard let groups = value.mapping else { throw problem(value, "'groups' must map group names to their settings") }
                for (name, node) in groups {
                    let groupName = name.string ?? ""
                    out.groups.append((groupName, try entry(node, owner: "group '\(groupName)'", isGroup: true)))
                }
            case "users":
                guard let users = value.mapping else { throw problem(value, "'users' must map account names to their settings") }
                for (name, node) in users {
                    let userName = name.string ?? ""
                    guard !userName.isEmpty else { throw problem(name, "a user needs a name") }
                    guard out.users[userName] == nil else { throw problem(name, "user '\(userName)' is listed twice") }
                    out.users[userName] = node.null != nil ? Entry() : try entry(node, owner: "user '\(userName)'")
                    out.userNames.append(userName)
                }
            default:
                throw problem(key, "unknown key '\(key.string ?? "")'; expected default, groups or users")
            }
        }
        return out
    }

    private static func entry(_ node: Node, owner: String, isGroup: Bool = false) throws -> Entry {
        var entry = Entry()
        if node.null != nil { return entry }
        guard let mapping = node.mapping else { throw problem(node, "\(owner) must be a mapping") }
        for (key, value) in mapping {
            switch key.string {
            case "email":
                guard let email = value.scalar?.string, !email.isEmpty else { throw problem(value, "the email of \(owner) must be text") }
                entry.email = email
            case "attributes":
                if value.null != nil { continue }
                guard let attributes = value.mapping else { throw problem(value, "the attributes of \(owner) must be a mapping of names to values") }
                for (name, v) in attributes {
                    guard let attribute = name.string, !attribute.isEmpty else { throw problem(name, "an attribute of \(owner) needs a name") }
                    // Values are kept as written: `yes`, `1.50` and `"FR,BR"` stay text, as Looker stores them.
                    if let scalar = v.scalar {
                        entry.attributes[attribute] = scalar.string
                    } else if let list = v.sequence {
                        // A list is Looker's multi-value attribute: any of its values.
                        entry.attributes[attribute] = try list.map { item in
                            guard let s = item.scalar?.string else { throw problem(item, "attribute '\(attribute)' of \(owner) must list plain values") }
                            return s
                        }.joined(separator: ",")
                    } else {
                        throw problem(v, "attribute '\(attribute)' of \(owner) must be a value or a list of values")
                    }
                }
            case "can_impersonate":
                guard let text = value.scalar?.string.lowercased(), ["true", "yes", "false", "no"].contains(text) else {
                    throw problem(value, "can_impersonate of \(owner) must be true or false")
                }
                entry.canImpersonate = text == "true" || text == "yes"
            case "members" where isGroup:
                guard let members = value.sequence else { throw problem(value, "the members of \(owner) must be a list of account names") }
                entry.members = members.compactMap { $0.scalar?.string }
            case "name", "first_name", "last_name":
                continue  // display names: shown by whoami, not used for access
            default:
                throw problem(key, "unknown key '\(key.string ?? "")' in \(owner); expected email, attributes\(isGroup ? ", members" : "") or can_impersonate")
            }
        }
        return entry
    }

    private static func problem(_ node: Node, _ message: String) -> SpyglassError {
        let line = node.mark.map { " line \($0.line)" } ?? ""
        return SpyglassError(.model, "\(fileName)\(line): \(message)")
    }

    /// The user `name` with defaults, groups and their own entry applied.
    public func user(named name: String) -> User {
        var attributes = defaults.attributes
        var canImpersonate = defaults.canImpersonate ?? false
        var email = defaults.email
        var memberOf: [String] = []
        for (groupName, group) in groups where group.members.contains(name) {
            memberOf.append(groupName)
            attributes.merge(group.attributes) { _, new in new }
            if let c = group.canImpersonate { canImpersonate = c }
        }
        let own = users[name]
        if let own {
            attributes.merge(own.attributes) { _, new in new }
            if let c = own.canImpersonate { canImpersonate = c }
            email = own.email
        }
        return User(name: name, email: email, attributes: attributes, canImpersonate: canImpersonate, listed: own != nil, groups: memberOf)
    }

    /// Whether `name` is someone Spyglass can run as: listed here, or an account of this system.
    public func knows(_ name: String) -> Bool { users[name] != nil || Identity.accountExists(name) }

    /// Every attribute name the file gives anyone (for `validate`).
    public var attributeNames: Set<String> {
        var out = Set(defaults.attributes.keys)
        for group in groups { out.formUnion(group.entry.attributes.keys) }
        for entry in users.values { out.formUnion(entry.attributes.keys) }
        return out
    }
}
