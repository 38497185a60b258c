import Liquid
import Testing

/// Tags, modelled on the cases Shopify Liquid tests for each tag (own cases, same ground).
@Suite struct TagTests {
    @Test func textWithoutTagsIsUnchanged() {
        #expect(render("SELECT 1 {not liquid} { {") == "SELECT 1 {not liquid} { {")
        #expect(render("") == "")
    }

    @Test func ifElsifElse() {
        let t = "{% if n == 1 %}one{% elsif n == 2 %}two{% elsif n > 2 %}many{% else %}none{% endif %}"
        #expect(render(t, ["n": 1]) == "one")
        #expect(render(t, ["n": 2]) == "two")
        #expect(render(t, ["n": 7]) == "many")
        #expect(render(t, ["n": 0]) == "none")
        #expect(render("{% if false %}x{% endif %}") == "")
        #expect(render("{% if true %}{% if false %}a{% else %}b{% endif %}{% endif %}") == "b")
    }

    @Test func truthinessIsShopifys() {
        // Only nil and false are false: empty text, zero and empty arrays are true.
        for (value, expected) in [(LiquidValue.nil, "F"), (false, "F"), (true, "T"), ("", "T"), (0, "T"), ([], "T"), ("false", "T")] {
            #expect(render("{% if v %}T{% else %}F{% endif %}", ["v": value]) == expected, "\(value)")
        }
        #expect(render("{% if missing %}T{% else %}F{% endif %}") == "F")
        #expect(render("{% if missing.deep.path %}T{% else %}F{% endif %}") == "F")
    }

    @Test func comparisonOperators() {
        let cases: [(String, String)] = [
            ("1 == 1", "T"), ("1 == 1.0", "T"), ("'1' == 1", "F"), ("1 != 2", "T"), ("1 <> 1", "F"),
            ("1 < 2", "T"), ("2 <= 2", "T"), ("3 > 2.5", "T"), ("2 >= 3", "F"), ("'abc' < 'abd'", "T"),
            ("'hello world' contains 'lo w'", "T"), ("'hello' contains 'z'", "F"), ("list contains 2", "T"),
            ("list contains '2'", "F"), ("nil == nil", "T"), ("missing == nil", "T"), ("missing < 5", "F"),
            ("'' == empty", "T"), ("list == empty", "F"), ("'  ' == blank", "T"), ("missing == blank", "T"),
            ("'x' != empty", "T"), ("true == true", "T"), ("hash contains 'a'", "T"),
        ]
        for (condition, expected) in cases {
            #expect(render("{% if \(condition) %}T{% else %}F{% endif %}", ["list": [1, 2, 3], "hash": ["a": 1]]) == expected, "\(condition)")
        }
    }

    @Test func andOrEvaluateRightToLeft() {
        // Shopify: `true or false and false` is `true or (false and false)`.
        #expect(render("{% if true or false and false %}T{% else %}F{% endif %}") == "T")
        // `false and false or true` is `false and (false or true)`: false.
        #expect(render("{% if false and false or true %}T{% else %}F{% endif %}") == "F")
        #expect(render("{% if 1 == 1 and 2 == 2 %}T{% endif %}") == "T")
        #expect(render("{% if 1 == 2 or 2 == 2 %}T{% endif %}") == "T")
    }

    @Test func incomparableValuesAreAnErrorWithLocation() {
        #expect(failure("ab\n {% if 'a' < 1 %}{% endif %}") == "2:12: cannot compare string with integer using '<'")
    }

    @Test func unless() {
        #expect(render("{% unless x %}no{% endunless %}", ["x": false]) == "no")
        #expect(render("{% unless x %}no{% else %}yes{% endunless %}", ["x": true]) == "yes")
        #expect(render("{% unless x == 1 %}a{% elsif x == 1 %}b{% endunless %}", ["x": 1]) == "b")
    }

    @Test func caseWhen() {
        let t = "{% case x %}{% when 1 %}one{% when 2, 3 %}two-three{% when 'a' or 'b' %}ab{% else %}other{% endcase %}"
        #expect(render(t, ["x": 1]) == "one")
        #expect(render(t, ["x": 3]) == "two-three")
        #expect(render(t, ["x": "b"]) == "ab")
        #expect(render(t, ["x": 9]) == "other")
        #expect(render("{% case x %}{% when 1 %}a{% endcase %}", ["x": 2]) == "")
        // Every matching `when` renders, as in Shopify Liquid.
        #expect(render("{% case x %}{% when 1 %}a{% when 1 %}b{% endcase %}", ["x": 1]) == "ab")
    }

    @Test func forLoops() {
        #expect(render("{% for i in list %}{{ i }},{% endfor %}", ["list": [1, 2, 3]]) == "1,2,3,")
        #expect(render("{% for i in (1..4) %}{{ i }}{% endfor %}") == "1234")
        #expect(render("{% for i in (1..n) %}{{ i }}{% endfor %}", ["n": 3]) == "123")
        #expect(render("{% for i in (1..6) limit:2 offset:3 %}{{ i }}{% endfor %}") == "45")
        #expect(render("{% for i in (1..3) reversed %}{{ i }}{% endfor %}") == "321")
        // offset and limit apply before reversed.
        #expect(render("{% for i in (1..6) reversed limit:2 %}{{ i }}{% endfor %}") == "21")
        #expect(render("{% for i in list %}x{% else %}empty{% endfor %}", ["list": []]) == "empty")
        #expect(render("{% for i in missing %}x{% else %}empty{% endfor %}") == "empty")
        #expect(render("{% for p in h %}{{ p[0] }}={{ p[1] }};{% endfor %}", ["h": ["b": 2, "a": 1]]) == "a=1;b=2;")
    }

    @Test func forloopVariables() {
        let t = "{% for i in (5..7) %}{{ forloop.index }}{{ forloop.index0 }}{{ forloop.rindex }}{{ forloop.rindex0 }}{% if forloop.first %}F{% endif %}{% if forloop.last %}L{% endif %}{{ forloop.length }}|{% endfor %}"
        #expect(render(t) == "1032F3|2121 3|3210L3|".replacingOccurrences(of: " ", with: ""))
        #expect(render("{% for a in (1..2) %}{% for b in (1..2) %}{{ forloop.parentloop.index }}{{ forloop.index }} {% endfor %}{% endfor %}") == "11 12 21 22 ")
    }

    @Test func breakAndContinue() {
        #expect(render("{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}") == "13")
    }

    @Test func assignAndCapture() {
        #expect(render("{% assign x = 'a' | upcase %}{{ x }}{{ x }}") == "AA")
        #expect(render("{% assign list = 'c,a,b' | split: ',' | sort %}{{ list | join: '-' }}") == "a-b-c")
        #expect(render("{% capture greeting %}Hi {{ name }}!{% endcapture %}[{{ greeting }}]", ["name": "Ada"]) == "[Hi Ada!]")
        // Assignments made inside a loop stay after it, as in Shopify Liquid.
        #expect(render("{% for i in (1..3) %}{% assign last = i %}{% endfor %}{{ last }}") == "3")
        #expect(render("{% assign a = b %}{{ a.c }}", ["b": ["c": 5]]) == "5")
    }

    @Test func commentAndRaw() {
        #expect(render("a{% comment %} {% if %} anything {{ x {% endcomment %}b") == "ab")
        #expect(render("a{% comment %}{% comment %}x{% endcomment %}y{% endcomment %}b") == "ab")
        #expect(render("{% raw %}{{ x }} {% if %}{% endraw %}") == "{{ x }} {% if %}")
        #expect(render("a{% # an inline comment %}b") == "ab")
    }

    @Test func echo() {
        #expect(render("{% echo 'x' | upcase %}") == "X")
    }

    @Test func whitespaceControl() {
        #expect(render("a  \n {%- if true -%} \n b \n {%- endif -%}\n  c") == "abc")
        #expect(render("a {{- 'x' -}} b") == "axb")
        #expect(render("a {{ 'x' -}} b") == "a xb")
        #expect(render("a {%- raw -%} {{x}} {%- endraw -%} b") == "a{{x}}b")
    }

    @Test func variablesAndMembers() {
        let vars: [String: LiquidValue] = ["user": ["name": "Ada", "tags": ["x", "y"]], "list": [10, 20, 30], "key": "name"]
        #expect(render("{{ user.name }} {{ user['name'] }} {{ user[key] }}", vars) == "Ada Ada Ada")
        #expect(render("{{ list[0] }} {{ list[-1] }} {{ list.first }} {{ list.last }} {{ list.size }} {{ user.tags.size }}", vars) == "10 30 10 30 3 2")
        #expect(render("{% assign s = 'abc' %}{{ s.size }}") == "3")
        #expect(render("{{ missing }}|{{ user.nope }}|{{ nil }}", vars) == "||")
        #expect(render("{{ 1.5 }} {{ 2.0 }} {{ true }} {{ -3 }}") == "1.5 2.0 true -3")
    }

    @Test func dropsAreAskedForMembersLazily() {
        final class Counter: LiquidDrop {
            var asked: [String] = []
            func member(_ name: String) throws -> LiquidValue? {
                asked.append(name)
                return name == "n" ? .int(3) : nil
            }
        }
        let drop = Counter()
        #expect(render("{{ d.n }}{% if d.other %}x{% endif %}", ["d": .drop(drop)]) == "3")
        #expect(drop.asked == ["n", "other"])
    }

    @Test func customTagsGetTheirMarkupAndRenderedBody() throws {
        struct Env: LiquidEnvironment {
            func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue? { name == "v" ? "inner" : nil }
            func tag(_ name: String, markup: String, body: String?, output: String, at location: LiquidLocation) throws -> String {
                "<\(name) \(markup)|\(body ?? "-")|after:\(output.count)>"
            }
        }
        let t = try LiquidTemplate(parsing: "ab{% condition orders.status %} x = {{ v }} {% endcondition %}{% parameter p %}",
                                   tags: ["condition": .block, "parameter": .simple])
        #expect(try t.render(Env()) == "ab<condition orders.status| x = inner |after:2><parameter p|-|after:47>")
        #expect(t.customTags.map(\.name) == ["condition", "parameter"])
        #expect(t.customTags.map(\.location) == [LiquidLocation(line: 1, column: 3), LiquidLocation(line: 1, column: 63)])
    }

    @Test func variableReferencesExcludeLocals() throws {
        let t = try LiquidTemplate(parsing: """
            {% assign a = orders.status._in_query %}{{ a }}
            {% for i in list %}{{ i }}{{ forloop.index }}{% endfor %}{{ _user_attributes['region'] }}{{ _filters['orders.status'] | sql_quote }}
            """)
        let refs = t.variables.map { "\($0.name)\($0.path.map { "." + $0 }.joined())@\($0.location)" }
        #expect(refs == ["orders.status._in_query@1:15", "list@2:13", "_user_attributes.region@2:61", "_filters.orders.status@2:93"])
    }
}
