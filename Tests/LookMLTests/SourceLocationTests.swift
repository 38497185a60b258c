import Testing
import LookML

/// Locations keep their file as a number into a process-wide table; what users see must not change.
@Suite struct SourceLocationTests {
    @Test func fileRoundTripsAndPrints() {
        var location = SourceLocation(file: "views/orders.view.lkml", line: 12, column: 7)
        #expect(location.file == "views/orders.view.lkml")
        #expect(location.description == "views/orders.view.lkml:12:7")
        location.file = "models/shop.model.lkml"
        location.line = 3
        #expect(location.description == "models/shop.model.lkml:3:7")
    }

    @Test func equalityIsByPathNotByWhenThePathWasSeen() {
        let a = SourceLocation(file: "x/" + "same.lkml", line: 1, column: 1)
        let b = SourceLocation(file: "x/same.lkml", line: 1, column: 1)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a != SourceLocation(file: "x/other.lkml", line: 1, column: 1))
    }

    @Test func ordersByPathThenLineThenColumn() {
        // "b" is registered before "a", so numbering order is not path order.
        let b1 = SourceLocation(file: "order-test/b.lkml", line: 1, column: 1)
        let a9 = SourceLocation(file: "order-test/a.lkml", line: 9, column: 9)
        let a2 = SourceLocation(file: "order-test/a.lkml", line: 2, column: 5)
        let a2b = SourceLocation(file: "order-test/a.lkml", line: 2, column: 40)
        #expect([b1, a9, a2b, a2].sorted() == [a2, a2b, a9, b1])
    }

    @Test func parsedLocationsCarryTheGivenPath() {
        let (file, _) = LookMLParser.parse("view: v {\n  label: \"é\" hidden: yes\n}\n", path: "views/v.view.lkml")
        guard case .block(let block) = file.pairs[0].value else {
            Issue.record("view is not a block")
            return
        }
        #expect(block.pairs.map(\.keyLocation.description) == ["views/v.view.lkml:2:3", "views/v.view.lkml:2:14"])
    }
}
