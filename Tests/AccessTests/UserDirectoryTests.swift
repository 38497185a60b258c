import Foundation
import SpyglassCore
import Testing

/// `spyglass.users`: the issue's format, defaults, groups, values kept as written, and mistakes
/// reported with their line.
@Suite struct UserDirectoryTests {
    @Test func theIssuesFormatGivesEachUserTheirAttributes() throws {
        let users = try UserDirectory.parse(ShopFixture.users)
        #expect(users.user(named: "alice").attributes == ["country": "DE"])
        #expect(users.user(named: "alice").email == "alice@example.com")
        #expect(users.user(named: "bob").attributes == ["country": "FR,BR", "can_see_revenue": "yes"])
        #expect(users.user(named: ShopFixture.account).canImpersonate)
        #expect(!users.user(named: "alice").canImpersonate)
        let stranger = users.user(named: "mallory")
        #expect(!stranger.listed && stranger.attributes.isEmpty && !stranger.canImpersonate)
    }

    @Test func defaultsGroupsAndTheUsersOwnEntryApplyInThatOrder() throws {
        let users = try UserDirectory.parse("""
            default:
              attributes: {region: "none", tier: 1}
            groups:
              emea:
                members: [alice, bob]
                attributes: {region: "EMEA", can_see_revenue: yes}
            users:
              alice:
                attributes: {tier: 2.50, regions: [DE, FR]}
              bob:
            """)
        let alice = users.user(named: "alice")
        // Values stay as written: unquoted yes and 2.50 are text, a list is "any of".
        #expect(alice.attributes == ["region": "EMEA", "tier": "2.50", "can_see_revenue": "yes", "regions": "DE,FR"])
        #expect(alice.groups == ["emea"])
        #expect(users.user(named: "bob").attributes == ["region": "EMEA", "tier": "1", "can_see_revenue": "yes"])
        #expect(users.user(named: "carol").attributes == ["region": "none", "tier": "1"])
        #expect(users.user(named: "alice").compileAttributes["email"] == nil)
    }

    @Test func mistakesAreOneSentenceWithTheLine() {
        let cases = [
            ("users:\n  alice:\n    emial: a@example.com\n", "spyglass.users line 3: unknown key 'emial' in user 'alice'; expected email, attributes or can_impersonate"),
            ("users:\n  root:\n    can_impersonate: maybe\n", "spyglass.users line 3: can_impersonate of user 'root' must be true or false"),
            ("admins: [root]\n", "spyglass.users line 1: unknown key 'admins'; expected default, groups or users"),
            ("users: [alice]\n", "spyglass.users line 1: 'users' must map account names to their settings"),
        ]
        for (text, message) in cases {
            #expect(throws: SpyglassError.self) { try UserDirectory.parse(text) }
            do {
                _ = try UserDirectory.parse(text)
            } catch let error as SpyglassError {
                #expect(error.message == message)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
