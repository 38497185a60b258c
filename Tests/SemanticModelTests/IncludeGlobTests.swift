import Testing
@testable import SemanticModel

@Suite("include: globs")
struct IncludeGlobTests {
    @Test(arguments: [
        ("/views/*.view", "", "views/orders.view.lkml", true),
        ("/views/*.view.lkml", "", "views/orders.view.lkml", true),
        ("/views/*.view", "", "views/base/entity.view.lkml", false),
        ("/views/**/*.view", "", "views/base/entity.view.lkml", true),
        ("/views/**/*.view", "", "views/orders.view.lkml", true),
        ("/**/*.view", "", "a/b/c/x.view.lkml", true),
        ("*.view", "models", "models/x.view.lkml", true),
        ("*.view", "models", "views/x.view.lkml", false),
        ("../views/*.view", "models", "views/x.view.lkml", true),
        ("/views/ord*", "", "views/orders.view.lkml", true),
        ("/views/*s.view", "", "views/orders.view.lkml", true),
        ("/views/*s.view", "", "views/user.view.lkml", false),
        ("/*.dashboard", "", "overview.dashboard.lookml", true),
        ("/*.dashboard.lookml", "", "overview.dashboard.lookml", true),
        ("/explores/orders.explore", "", "explores/orders.explore.lkml", true),
        ("/views/*.view", "", "views/orders.view.lkml.bak", false),
    ])
    func matching(pattern: String, directory: String, path: String, expected: Bool) {
        #expect(IncludeGlob(pattern, relativeTo: directory).matches(path) == expected)
    }

    @Test func patternsLeavingTheProjectAreInvalid() {
        #expect(!IncludeGlob("../../x.view", relativeTo: "models").isValid)
        #expect(!IncludeGlob("//other_project/views/*.view", relativeTo: "").isValid)
        #expect(IncludeGlob("../x.view", relativeTo: "models").isValid)
    }

    @Test func starBacktracksWithinASegment() {
        #expect(IncludeGlob.wildcard(Array("a*b*c".utf8)[...], Array("aXbYbZc".utf8)[...]))
        #expect(!IncludeGlob.wildcard(Array("a*b*c".utf8)[...], Array("aXbYbZ".utf8)[...]))
        #expect(IncludeGlob.wildcard(Array("***".utf8)[...], Array("".utf8)[...]))
    }
}
