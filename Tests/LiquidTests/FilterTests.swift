import Liquid
import Testing

/// The standard filters, case by case as Shopify Liquid's filter tests check them (own cases).
@Suite struct FilterTests {
    func expectAll(_ cases: [(String, String)], _ vars: [String: LiquidValue] = [:], sourceLocation: SourceLocation = #_sourceLocation) {
        for (template, expected) in cases {
            #expect(render(template, vars) == expected, "\(template)", sourceLocation: sourceLocation)
        }
    }

    @Test func text() {
        expectAll([
            ("{{ 'Hello' | downcase }}", "hello"), ("{{ 'Hello' | upcase }}", "HELLO"),
            ("{{ 'hELLO wORLD' | capitalize }}", "Hello world"), ("{{ '  a b  ' | strip }}|", "a b|"),
            ("{{ '  a ' | lstrip }}|", "a |"), ("{{ ' a  ' | rstrip }}|", " a|"),
            ("{{ 'a' | append: 'b' }}", "ab"), ("{{ 'a' | prepend: 'b' }}", "ba"),
            ("{{ 'a-b-a' | replace: 'a', 'x' }}", "x-b-x"), ("{{ 'a-b-a' | replace_first: 'a', 'x' }}", "x-b-a"),
            ("{{ 'a-b-a' | remove: 'a' }}", "-b-"), ("{{ 'a-b-a' | remove_first: 'a' }}", "-b-a"),
            ("{{ 1 | append: 2 }}", "12"),
        ])
    }

    @Test func splitJoinAndCollections() {
        expectAll([
            ("{{ 'a,b,c' | split: ',' | join: '+' }}", "a+b+c"), ("{{ 'a  b c' | split: ' ' | size }}", "3"),
            ("{{ 'abc' | split: '' | join: ' ' }}", "a b c"), ("{{ 'a,b,,' | split: ',' | size }}", "2"),
            ("{{ list | join }}", "3 1 2"), ("{{ list | first }}-{{ list | last }}", "3-2"), ("{{ list | size }}", "3"),
            ("{{ 'hello' | size }}", "5"), ("{{ missing | size }}", "0"),
            ("{{ list | sort | join: ',' }}", "1,2,3"), ("{{ words | sort | join: ',' }}", "B,a,c"),
            ("{{ list | reverse | join: ',' }}", "2,1,3"), ("{{ dupes | uniq | join: ',' }}", "1,2,3"),
            ("{{ people | map: 'name' | join: ',' }}", "Ada,Bob,Cy"), ("{{ people | where: 'admin' | map: 'name' | join: ',' }}", "Ada"),
            ("{{ people | where: 'age', 30 | map: 'name' | join: ',' }}", "Bob,Cy"),
            ("{{ people | sort: 'age' | map: 'name' | join: ',' }}", "Ada,Bob,Cy"),
            ("{{ people | map: 'team' | compact | join: ',' }}", "x,y"), ("{{ people | compact: 'team' | size }}", "2"),
            ("{{ list | concat: dupes | join: '' }}", "312122333"),
            ("{{ with_nil | sort | join: ',' }}", "1,2,"),
        ], [
            "list": [3, 1, 2], "words": ["c", "a", "B"], "dupes": [1, 2, 2, 3, 3, 3],
            "with_nil": [2, .nil, 1],
            "people": [["name": "Ada", "age": 20, "admin": true, "team": "x"], ["name": "Bob", "age": 30, "team": "y"], ["name": "Cy", "age": 30]],
        ])
    }

    @Test func defaultFilter() {
        expectAll([
            ("{{ missing | default: 'd' }}", "d"), ("{{ '' | default: 'd' }}", "d"), ("{{ false | default: 'd' }}", "d"),
            ("{{ 'x' | default: 'd' }}", "x"), ("{{ 0 | default: 'd' }}", "0"), ("{{ empty_list | default: 'd' }}", "d"),
            ("{{ false | default: 'd', allow_false: true }}", "false"),
        ], ["empty_list": []])
    }

    @Test func math() {
        expectAll([
            ("{{ 4 | plus: 2 }}", "6"), ("{{ '4' | plus: '2' }}", "6"), ("{{ 4.5 | plus: 2 }}", "6.5"),
            ("{{ 4 | minus: 6 }}", "-2"), ("{{ 3 | times: 1.5 }}", "4.5"), ("{{ 3 | times: 2 }}", "6"),
            ("{{ 7 | divided_by: 2 }}", "3"), ("{{ -7 | divided_by: 2 }}", "-4"), ("{{ 7 | divided_by: 2.0 }}", "3.5"),
            ("{{ 7 | modulo: 3 }}", "1"), ("{{ -7 | modulo: 3 }}", "2"), ("{{ 7.5 | modulo: 2 }}", "1.5"),
            ("{{ 2.5 | round }}", "3"), ("{{ 3.14159 | round: 2 }}", "3.14"), ("{{ -2.5 | round }}", "-3"),
            ("{{ 1.2 | ceil }}", "2"), ("{{ 1.8 | floor }}", "1"), ("{{ -1.2 | floor }}", "-2"),
            ("{{ -3 | abs }}", "3"), ("{{ '-3.5' | abs }}", "3.5"), ("{{ 'abc' | plus: 1 }}", "1"),
        ])
        #expect(failure("{{ 1 | modulo: 0 }}") == "1:8: filter 'modulo': divided by 0")
    }

    @Test func sliceAndTruncate() {
        expectAll([
            ("{{ 'Liquid' | slice: 0 }}", "L"), ("{{ 'Liquid' | slice: 2, 5 }}", "quid"), ("{{ 'Liquid' | slice: -3, 2 }}", "ui"),
            ("{{ 'Liquid' | slice: 10 }}", ""), ("{{ list | slice: 1, 2 | join: ',' }}", "2,3"),
            ("{{ 'Ground control to Major Tom.' | truncate: 20 }}", "Ground control to..."),
            ("{{ 'Ground control to Major Tom.' | truncate: 25, ', and so on' }}", "Ground control, and so on"),
            ("{{ 'Ground control to Major Tom.' | truncate: 20, '' }}", "Ground control to Ma"),
            ("{{ 'short' | truncate: 20 }}", "short"),
            ("{{ 'Ground control to Major Tom.' | truncatewords: 3 }}", "Ground control to..."),
            ("{{ 'Ground control to Major Tom.' | truncatewords: 3, '--' }}", "Ground control to--"),
            ("{{ 'one two' | truncatewords: 5 }}", "one two"),
        ], ["list": [1, 2, 3, 4]])
    }

    @Test func htmlAndURL() {
        expectAll([
            ("{{ html | escape }}", "&lt;p a=&quot;b&quot;&gt;Tom &amp; Jerry&#39;s&lt;/p&gt;"),
            ("{{ 'a b&c=d/é' | url_encode }}", "a+b%26c%3Dd%2F%C3%A9"),
            ("{{ '<p>Hi <b>there</b></p><script>x()</script><!-- c -->!' | strip_html }}", "Hi there!"),
            ("{{ text | newline_to_br }}", "a<br />\nb<br />\n"),
        ], ["text": "a\nb\r\n", "html": "<p a=\"b\">Tom & Jerry's</p>"])
    }

    @Test func date() {
        expectAll([
            ("{{ '2024-03-05 14:07:09' | date: '%Y-%m-%d %H:%M:%S' }}", "2024-03-05 14:07:09"),
            ("{{ '2024-03-05' | date: '%b %e, %y %A %a %B %j' }}", "Mar  5, 24 Tuesday Tue March 065"),
            ("{{ '2024-03-05T18:30:00Z' | date: '%I:%M %p %-d/%-m %F %T' }}", "06:30 PM 5/3 2024-03-05 18:30:00"),
            ("{{ 0 | date: '%Y-%m-%d %s' }}", "1970-01-01 0"), ("{{ 'not a date' | date: '%Y' }}", "not a date"),
        ])
        #expect(render("{{ 'now' | date: '%Y' }}").count == 4)
    }

    @Test func sqlQuoteDoublesQuotes() {
        #expect(render("{{ v | sql_quote }}", ["v": "O'Brien"]) == "'O''Brien'")
    }

    @Test func untrustedValuesStayMarkedThroughFiltersAndCaptures() throws {
        struct Env: LiquidEnvironment {
            func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue? {
                name == "user" ? .string("x'y", untrusted: true) : .string("safe")
            }
            func write(_ value: LiquidValue, output: String, at location: LiquidLocation) throws -> String {
                value.isUntrusted ? "<U:\(value.text)>" : value.text
            }
        }
        let t = try LiquidTemplate(parsing: "{{ user | upcase }} {{ ok | append: user }} {{ user | size }} {{ ok }} {% capture c %}[{{ user }}]{% endcapture %}{{ c }}")
        #expect(try t.render(Env()) == "<U:X'Y> <U:safex'y> 3 safe <U:[<U:x'y>]>")
    }
}
