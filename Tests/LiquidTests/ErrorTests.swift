import Liquid
import Testing

/// Malformed templates are errors at line:column, found when parsing (before any value is read).
@Suite struct ErrorTests {
    @Test func unknownTag() {
        #expect(failure("x\n  {% bogus a %}") == "2:3: unknown tag 'bogus'")
    }

    @Test func unbalancedTags() {
        #expect(failure("{% if a %}x") == "1:1: 'if' is never closed (expected 'endif')")
        #expect(failure("a\n{% for i in x %}{% if i %}{% endfor %}") == "2:27: 'endfor' without a matching 'for' (inside 'if' opened at 2:17)")
        #expect(failure("{% endif %}") == "1:1: 'endif' without a matching 'if'")
        #expect(failure("{% else %}") == "1:1: 'else' without a matching if, unless, case or for")
        #expect(failure("{% if a %}{% else %}{% elsif b %}{% endif %}") == "1:21: 'elsif' after 'else' in 'if'")
        #expect(failure("{% capture x %}y") == "1:1: 'capture' is never closed (expected 'endcapture')")
        #expect(failure("{% raw %}y") == "1:1: 'raw' is never closed (expected 'endraw')")
        #expect(failure("{% comment %}y") == "1:1: 'comment' is never closed (expected 'endcomment')")
        #expect(failure("{% condition f %}x", tags: ["condition": .block]) == "1:1: 'condition' is never closed (expected 'endcondition')")
        #expect(failure("{% endcondition %}", tags: ["condition": .block]) == "1:1: 'endcondition' without a matching 'condition'")
    }

    @Test func unterminatedDelimiters() {
        #expect(failure("ab {{ x") == "1:4: '{{' is not closed with '}}'")
        #expect(failure("\n{% if x") == "2:1: '{%' is not closed with '%}'")
    }

    @Test func unknownFilter() {
        #expect(failure("{{ x | upcase | shout }}") == "1:17: unknown filter 'shout'")
        #expect(failure("{% assign y = x | nope %}") == "1:19: unknown filter 'nope'")
    }

    @Test func malformedExpressions() {
        #expect(failure("{% if a = b %}{% endif %}") == "1:9: '=' is not a comparison; write '=='")
        #expect(failure("{{ 'abc }}") == "1:1: '{{' is not closed with '}}'")
        #expect(failure("{{ a b }}") == "1:6: unexpected 'b' in '{{ }}'")
        #expect(failure("{% for i list %}{% endfor %}") == "1:10: expected 'in' after 'for i'")
        #expect(failure("{{ (1..) }}") == "1:8: expected a value but found ')'")
    }

    @Test func runtimeErrorsCarryTheirLocation() {
        #expect(failure("\n{{ 1 | divided_by: 0 }}") == "2:8: filter 'divided_by': divided by 0")
    }
}
