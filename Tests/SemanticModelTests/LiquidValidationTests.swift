import Foundation
import LookML
import SemanticModel
import Testing

/// Liquid in model SQL is parsed when the project loads: malformed templates and unknown variables
/// are diagnostics at the file:line:col where they are written (Looker's own variables are not).
@Suite struct LiquidValidationTests {
    private func diagnostics(_ lkml: String) throws -> [String] {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write(lkml, to: "refinements/zz_liquid.lkml")
        return copy.load().diagnostics.map(\.description)
    }

    @Test func validLiquidWithLookersVariablesIsAccepted() throws {
        let found = try diagnostics("""
            view: +users {
              parameter: metric { type: unquoted allowed_value: { value: "age" } }
              filter: name_filter { type: string }
              dimension: liquid_ok {
                sql: {% if users.name._in_query and name_filter._is_filtered %}{% condition name_filter %} ${name} {% endcondition %}
                     {% elsif _user_attributes['region'] == 'EU' %}{{ _filters['users.name'] | sql_quote }}
                     {% else %}{% parameter metric %}{{ metric._parameter_value }}{{ _model._name }}{{ orders._in_query }}{% endif %} ;;
              }
              dimension: loop_ok {
                sql: {% assign cols = "a,b" | split: "," %}{% for c in cols %}{{ c }}{{ forloop.index }}{% endfor %} ;;
              }
            }
            """)
        #expect(found == [])
    }

    @Test func unbalancedTagsAreErrorsAtTheirLine() throws {
        let found = try diagnostics("""
            view: +users {
              dimension: unbalanced {
                sql: CASE
                     {% if users.name._in_query %} 1 ;;
              }
              dimension: stray_end {
                sql: 1 {% endif %} ;;
              }
            }
            """)
        #expect(found == [
            "refinements/zz_liquid.lkml:4:10: error: invalid Liquid: 'if' is never closed (expected 'endif')",
            "refinements/zz_liquid.lkml:7:12: error: invalid Liquid: 'endif' without a matching 'if'",
        ])
    }

    @Test func unknownVariablesTagsAndFiltersAreErrors() throws {
        let found = try diagnostics("""
            view: +users {
              dimension: unknown_variable {
                sql: {% if nosuch._in_query %}1{% endif %} ;;
              }
              dimension: unknown_field {
                sql: {{ users.nosuch._is_selected }} + {{ orders.status._in_query }} ;;
              }
              dimension: unknown_tag {
                sql: {% shout %} ;;
              }
              dimension: unknown_filter {
                sql: {{ _filters['users.name'] | shout }} ;;
              }
              dimension: unknown_condition_field {
                sql: {% condition nosuch %} x {% endcondition %} ;;
              }
              dimension: localization {
                sql: {{ _localization['x'] }} ;;
              }
            }
            """)
        #expect(found == [
            "refinements/zz_liquid.lkml:3:16: error: unknown Liquid variable 'nosuch'; use a Looker variable (_user_attributes, _filters, _model, …), a view of the model, or a field of this view",
            "refinements/zz_liquid.lkml:6:13: error: Liquid variable 'users.nosuch' names no field of view 'users'",
            "refinements/zz_liquid.lkml:9:10: error: invalid Liquid: unknown tag 'shout'",
            "refinements/zz_liquid.lkml:12:38: error: invalid Liquid: unknown filter 'shout'",
            "refinements/zz_liquid.lkml:15:10: error: {% condition nosuch %} names no field of this model",
            "refinements/zz_liquid.lkml:18:13: warning: Liquid variable '_localization' is not provided by Spyglass in SQL; a query that reaches it is refused",
        ])
    }

    @Test func exploreSQLIsCheckedWithItsBaseView() throws {
        let found = try diagnostics("""
            explore: +orders {
              sql_always_where: {% if status._in_query %}1=1{% else %}{{ bogus }}{% endif %} ;;
            }
            """)
        #expect(found == [
            "refinements/zz_liquid.lkml:2:62: error: unknown Liquid variable 'bogus'; use a Looker variable (_user_attributes, _filters, _model, …), a view of the model, or a field of this view",
        ])
    }
}
