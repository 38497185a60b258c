import Foundation
import Testing
@testable import SemanticModel

/// `named_value_format` in a model file, and `value_format_name` resolved against it (then against
/// Looker's built-ins) while the model is built; mistakes reported where they were written.
@Suite("Named value formats")
struct NamedValueFormatTests {
    /// The shop's e-commerce model with `extra` appended; it includes every view.
    private static let ecommerceModel = """
        connection: "demo"
        label: "E-commerce"

        include: "/views/**/*.view"
        include: "../explores/*.explore.lkml"
        include: "/refinements/*.lkml"
        include: "/dashboards/*.dashboard"

        explore: users {
          label: "Customers"
          fields: [ALL_FIELDS*, -users.email]
        }

        """

    /// A copy of the shop whose users view (included by both models) has a measure formatted by
    /// `formatName`, and whose e-commerce model defines `definitions`.
    private func shop(formatName: String, definitions: String) throws -> FixtureProject {
        let copy = try FixtureProject.copy()
        try copy.replace("  dimension: is_adult {", with: """
              measure: total_age {
                type: sum
                sql: ${age} ;;
                value_format_name: \(formatName)
              }

              dimension: is_adult {
            """, in: "views/users.view.lkml")
        try copy.write(Self.ecommerceModel + definitions, to: "models/ecommerce.model.lkml")
        return copy
    }

    private static let euroK = """
        named_value_format: euro_k {
          value_format: "\\"€\\"#,##0.0,\\" K\\""
          strict_value_format: yes
        }

        """

    @Test func modelDefinedNameResolvesInAnIncludedView() throws {
        let copy = try shop(formatName: "euro_k", definitions: Self.euroK)
        defer { copy.remove() }
        let project = copy.load()
        let model = try #require(project.model(named: "ecommerce"))
        let field = try #require(model.views["users"]?.field(named: "total_age"))
        #expect(field.valueFormat == "\"€\"#,##0.0,\" K\"")
        #expect(field.valueFormatName == "euro_k")
        #expect(model.namedValueFormats["euro_k"]?.strict == true)
        #expect(model.namedValueFormats["euro_k"]?.location?.description == "models/ecommerce.model.lkml:13:21")
        // What the query engine hands Presentation (explore fields) carries the resolved pattern.
        let explore = try #require(model.explore(named: "users"))
        let exposed = project.fields(in: explore, of: model).first { $0.field.name == "total_age" }
        #expect(exposed?.field.valueFormat == "\"€\"#,##0.0,\" K\"")
    }

    @Test func modelWithoutTheDefinitionReportsTheUnknownNameWhereItIsUsed() throws {
        let copy = try shop(formatName: "euro_k", definitions: Self.euroK)
        defer { copy.remove() }
        let project = copy.load()
        // The marketing model includes the same users view but defines no formats.
        let builtins = ValueFormats.builtinNames.joined(separator: ", ")
        #expect(project.diagnostics.map(\.description) == [
            "views/users.view.lkml:26:24: error: unknown value_format_name 'euro_k'; define it with named_value_format: euro_k { value_format: \"…\" } or use one of: \(builtins)",
        ])
        let marketing = try #require(project.model(named: "marketing"))
        #expect(marketing.views["users"]?.field(named: "total_age")?.valueFormat == nil)
    }

    /// What `spyglass validate` prints: the line of the view and a caret under the name.
    @Test func unknownNameIsRenderedWithItsSourceLine() throws {
        let copy = try shop(formatName: "decimal2", definitions: "")
        defer { copy.remove() }
        let project = copy.load()
        let builtins = ValueFormats.builtinNames.joined(separator: ", ")
        #expect(DiagnosticRenderer.render(project.diagnostics, root: project.root) == """
            views/users.view.lkml:26:24: error: unknown value_format_name 'decimal2'; define it with named_value_format: decimal2 { value_format: "…" } or use one of: \(builtins)
                value_format_name: decimal2
                                   ^
            """)
    }

    @Test func misspeltBuiltinNameIsAnError() throws {
        let copy = try shop(formatName: "decimal2", definitions: Self.euroK)
        defer { copy.remove() }
        let found = copy.load().diagnostics.map(\.description)
        let builtins = ValueFormats.builtinNames.joined(separator: ", ")
        // Reported once though both models include the view; the e-commerce model's own names come first.
        #expect(found == [
            "views/users.view.lkml:26:24: error: unknown value_format_name 'decimal2'; define it with named_value_format: decimal2 { value_format: \"…\" } or use one of: euro_k, \(builtins)",
        ])
    }

    @Test func builtinNameResolvesToItsPattern() throws {
        let copy = try shop(formatName: "eur_0", definitions: "")
        defer { copy.remove() }
        let project = copy.load()
        #expect(project.diagnostics.isEmpty)
        for model in project.models {
            #expect(model.views["users"]?.field(named: "total_age")?.valueFormat == "\"€\"#,##0")
        }
    }

    @Test func explicitValueFormatWinsOverTheName() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("    value_format_name: usd\n", with: "    value_format_name: usd\n    value_format: \"0.0\"\n", in: "views/orders.view.lkml")
        let project = copy.load()
        #expect(project.diagnostics.isEmpty)
        #expect(project.model(named: "ecommerce")?.views["orders"]?.field(named: "amount")?.valueFormat == "0.0")
    }

    @Test func duplicateMissingAndShadowingDefinitionsAreReportedOnceEach() throws {
        let copy = try shop(formatName: "euro_k", definitions: Self.euroK + """
            named_value_format: euro_k {
              value_format: "0"
            }

            named_value_format: no_pattern {
              strict_value_format: yes
            }

            named_value_format: usd {
              value_format: "0.000"
            }

            """)
        defer { copy.remove() }
        let project = copy.load()
        #expect(project.diagnostics.map(\.description) == [
            "models/ecommerce.model.lkml:17:21: error: named_value_format 'euro_k' is already defined at models/ecommerce.model.lkml:13:21",
            "models/ecommerce.model.lkml:21:21: error: named_value_format 'no_pattern' needs value_format: \"…\" (an Excel-style format string)",
            "models/ecommerce.model.lkml:25:21: error: named_value_format 'usd' has the name of a built-in format; choose another name",
            // The marketing model still lacks euro_k.
            "views/users.view.lkml:26:24: error: unknown value_format_name 'euro_k'; define it with named_value_format: euro_k { value_format: \"…\" } or use one of: \(ValueFormats.builtinNames.joined(separator: ", "))",
        ])
        // The first definition stands; the shadowing one is not stored, so `usd` stays Looker's.
        let model = try #require(project.model(named: "ecommerce"))
        #expect(model.namedValueFormats.keys.sorted() == ["euro_k"])
        #expect(model.views["users"]?.field(named: "total_age")?.valueFormat == "\"€\"#,##0.0,\" K\"")
        #expect(model.views["orders"]?.field(named: "amount")?.valueFormat == "$#,##0.00")
    }

    @Test func aFieldNamingABrokenDefinitionIsNotReportedAgain() throws {
        let copy = try shop(formatName: "no_pattern", definitions: "named_value_format: no_pattern {}\n")
        defer { copy.remove() }
        let found = copy.load().diagnostics.map(\.description)
        #expect(found.count == 2)
        #expect(found.first == "models/ecommerce.model.lkml:13:21: error: named_value_format 'no_pattern' needs value_format: \"…\" (an Excel-style format string)")
        // Marketing does not define it at all: that one is unknown there.
        #expect(found.last?.hasPrefix("views/users.view.lkml:26:24: error: unknown value_format_name 'no_pattern'") == true)
    }

    @Test func definitionInAnIncludedFileIsIgnoredWithAWarning() throws {
        let copy = try shop(formatName: "decimal_1", definitions: "")
        defer { copy.remove() }
        try copy.replace("view: users {", with: "named_value_format: euro_k { value_format: \"0\" }\n\nview: users {", in: "views/users.view.lkml")
        let project = copy.load()
        #expect(project.diagnostics.map(\.description) == [
            "views/users.view.lkml:1:1: warning: named_value_format is ignored here: Looker reads it only in a model file",
        ])
        #expect(project.models.allSatisfy { $0.namedValueFormats.isEmpty })
    }
}
