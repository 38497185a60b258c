import Foundation
import QueryEngine
import Testing

@Suite("Number filter expressions")
struct NumberFilterTests {
    func ast(_ text: String) throws -> String {
        let e = try FilterExpression.parse(text, type: .number, field: "orders.amount")
        guard case .number(let n) = e.node else { return "not a number node: \(e.node)" }
        return n.description
    }

    func sql(_ text: String) throws -> String {
        try FilterExpression.parse(text, type: .number, field: "orders.amount")
            .sql("amount", dialect: SQLiteFilterDialect(), context: FilterContext(now: Date(), timeZone: TimeZone(identifier: "UTC")!))
    }

    @Test func valuesListsAndNegation() throws {
        #expect(try ast("5") == "in(5)")
        #expect(try ast("1, 3, 5") == "in(1,3,5)")
        #expect(try ast("NOT 5") == "NOT(in(5))")
        #expect(try ast("<>5") == "NOT(in(5))")
        #expect(try ast("!=5") == "NOT(in(5))")
        #expect(try ast("NOT 66, 99, 4") == "NOT(in(66,99,4))")
        #expect(try sql("5") == "amount = 5")
        #expect(try sql("1, 3, 5") == "amount IN (1, 3, 5)")
        #expect(try sql("NOT 5") == "(amount <> 5 OR amount IS NULL)")
        #expect(try sql("NOT 66, 99, 4") == "(amount NOT IN (66, 99, 4) OR amount IS NULL)")
    }

    @Test func comparisonsAndBooleanCombinations() throws {
        #expect(try ast(">1") == ">1")
        #expect(try ast(">= 1") == ">=1")
        #expect(try ast("<1") == "<1")
        #expect(try ast("<=1") == "<=1")
        #expect(try ast(">= 5 AND <= 10") == "AND(>=5; <=10)")
        #expect(try ast(">10 OR <1") == "OR(>10; <1)")
        #expect(try ast(">1 AND <3 OR >=10") == "OR(AND(>1; <3); >=10)")
        #expect(try sql(">= 5 and <= 10") == "(amount >= 5 AND amount <= 10)")
        #expect(try sql(">10 OR <1") == "(amount > 10 OR amount < 1)")
    }

    @Test func intervalsAndRanges() throws {
        #expect(try ast("[1,10]") == "[1, 10]")
        #expect(try ast("(1,10)") == "(1, 10)")
        #expect(try ast("[1, 10)") == "[1, 10)")
        #expect(try ast("(1,10]") == "(1, 10]")
        #expect(try ast("(1, inf)") == "(1, inf)")
        #expect(try ast("[-inf, 3]") == "(-inf, 3]")
        #expect(try ast("5 to 10") == "[5, 10]")
        #expect(try sql("(1, inf)") == "amount > 1")
        #expect(try sql("[1,10)") == "(amount >= 1 AND amount < 10)")
        #expect(try sql("(-inf, inf)") == "amount IS NOT NULL")
    }

    @Test func nullsDecimalsAndNegatives() throws {
        #expect(try sql("NULL") == "amount IS NULL")
        #expect(try sql("NOT NULL") == "amount IS NOT NULL")
        #expect(try sql("-NULL") == "amount IS NOT NULL")
        #expect(try ast("5.5, -5, 007.50, .25, -0") == "in(5.5,-5,7.5,0.25,0)")
        #expect(try sql(">-1.5") == "amount > -1.5")
        #expect(try sql("1, NOT NULL") == "(amount = 1 AND amount IS NOT NULL)")
        #expect(try sql("5, NOT 6") == "(amount = 5 AND (amount <> 6 OR amount IS NULL))")
        #expect(try sql("NOT 5, NOT [7, 9]") == "((amount <> 5 OR amount IS NULL) AND (NOT ((amount >= 7 AND amount <= 9)) OR amount IS NULL))")
        #expect(try sql("NOT -NULL") == "amount IS NULL")
    }

    @Test func malformedNumbersNameFieldTextAndExpectation() {
        func message(_ text: String) -> String {
            do { _ = try FilterExpression.parse(text, type: .number, field: "orders.amount"); return "parsed" }
            catch { return "\(error)" }
        }
        #expect(message(">abc") == "invalid filter for 'orders.amount': expected a number, range or comparison but found 'abc' in '>abc'")
        #expect(message("5abc") == "invalid filter for 'orders.amount': expected a number, range or comparison but found '5abc' in '5abc'")
        #expect(message("[1, 10") == "invalid filter for 'orders.amount': expected ']' or ')' closing the interval but the text ended in '[1, 10'")
        #expect(message("(1 10)") == "invalid filter for 'orders.amount': expected ',' between the bounds of an interval but found '10' in '(1 10)'")
        #expect(message("1; DROP TABLE x") == "invalid filter for 'orders.amount': expected a number, range or comparison but found '1;' in '1; DROP TABLE x'")
        #expect(message(">=") == "invalid filter for 'orders.amount': expected a number, range or comparison but the text ended in '>='")
        #expect(message("1 2") == "invalid filter for 'orders.amount': expected a number, range or comparison but found '2' in '1 2'")
    }

    /// Found by FilterFuzzTests: a "-" as the last character read one byte past the text (a trap).
    @Test func regressionTrailingMinusReadPastTheEnd() {
        for text in ["-", "5, -", ">-"] {
            #expect(throws: FilterError.self) { try FilterExpression.parse(text, type: .number, field: "orders.amount") }
        }
        do { _ = try FilterExpression.parse("5, -", type: .number, field: "orders.amount") } catch {
            #expect("\(error)" == "invalid filter for 'orders.amount': expected a number, range or comparison but found '-' in '5, -'")
        }
    }
}
