import LookML

/// A model's `access_grant: name { user_attribute: a allowed_values: ["x", …] }`: a user meets it when
/// their value of the attribute is one of the allowed values.
public struct AccessGrant: Hashable, Sendable {
    public var name: String
    public var userAttribute: String
    public var allowedValues: [String]
    public var location: SourceLocation?

    public init(name: String, userAttribute: String, allowedValues: [String], location: SourceLocation? = nil) {
        self.name = name
        self.userAttribute = userAttribute
        self.allowedValues = allowedValues
        self.location = location
    }

    /// Whether a user whose attribute has `value` meets the grant: the whole value, or one item of a
    /// comma list (`"FR,BR"` means any of them), equals an allowed value. No value never meets it.
    public func isMet(by value: String?) -> Bool {
        guard let value else { return false }
        let trimmed = value.trimmingSpaces()
        guard !trimmed.isEmpty else { return false }
        if allowedValues.contains(trimmed) { return true }
        return trimmed.split(separator: ",").contains { allowedValues.contains(String($0).trimmingSpaces()) }
    }
}

/// An explore's `access_filter: { field: view.field user_attribute: a }`: every query of the explore is
/// filtered by the user's value of `a` (a Looker filter expression) on `field`.
public struct AccessFilter: Hashable, Sendable {
    public var field: String
    public var userAttribute: String
    public var location: SourceLocation?

    public init(field: String, userAttribute: String, location: SourceLocation? = nil) {
        self.field = field
        self.userAttribute = userAttribute
        self.location = location
    }
}

extension ValueReader {
    /// Reads `access_grant: name { … }` from a model file; problems are reported and give nil.
    func accessGrant(_ pair: Pair) -> AccessGrant? {
        guard case .block(let block) = pair.value, let name = block.name, !name.isEmpty else {
            sink.error("'access_grant' needs a name and a block: access_grant: name { user_attribute: … allowed_values: [...] }", at: pair.keyLocation)
            return nil
        }
        let at = block.nameLocation ?? pair.keyLocation
        var attribute: String?
        var allowed: [String]?
        for p in block.pairs {
            switch p.key {
            case "user_attribute": attribute = string(p)
            case "allowed_values": allowed = strings(p)
            default: break
            }
        }
        guard let attribute, !attribute.isEmpty else {
            sink.error("access_grant '\(name)' needs user_attribute", at: at)
            return nil
        }
        guard let allowed, !allowed.isEmpty else {
            sink.error("access_grant '\(name)' needs allowed_values (at least one value)", at: at)
            return nil
        }
        return AccessGrant(name: name, userAttribute: attribute, allowedValues: allowed, location: at)
    }

    /// Reads `access_filter: { field: … user_attribute: … }` of an explore.
    func accessFilter(_ pair: Pair, explore: String) -> AccessFilter? {
        guard case .block(let block) = pair.value else {
            sink.error("'access_filter' of explore '\(explore)' needs a block: access_filter: { field: view.field user_attribute: name }", at: pair.keyLocation)
            return nil
        }
        var field: Scalar?
        var attribute: String?
        for p in block.pairs {
            switch p.key {
            case "field": field = scalar(p)
            case "user_attribute": attribute = string(p)
            default: break
            }
        }
        guard let field, !field.text.isEmpty, let attribute, !attribute.isEmpty else {
            sink.error("access_filter of explore '\(explore)' needs both field and user_attribute", at: pair.keyLocation)
            return nil
        }
        return AccessFilter(field: text(field), userAttribute: attribute, location: field.location)
    }
}
