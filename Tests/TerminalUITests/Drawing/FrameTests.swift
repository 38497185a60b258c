import Testing
@testable import TerminalUI

@Suite struct FrameTests {
    @Test func wideCharactersTakeTwoCellsAndStayAligned() {
        var frame = Frame(width: 10, height: 2)
        frame.put("日本x", x: 0, y: 0)
        frame.put("abcde", x: 0, y: 1)
        #expect(frame[0, 0].text == "日")
        #expect(frame[1, 0].text == "")
        #expect(frame[4, 0].text == "x")
        #expect(frame.line(0) == "日本x     ")
        #expect(DisplayWidth.of(frame.line(0)) == 10)
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var frame = Frame(width: 6, height: 1)
        frame.put("e\u{301}a", x: 0, y: 0)
        #expect(frame[0, 0].text == "e\u{301}")
        #expect(frame[1, 0].text == "a")
        #expect(DisplayWidth.of("e\u{301}a") == 2)
    }

    @Test func clippedTextEndsInAnEllipsisWithinItsWidth() {
        var frame = Frame(width: 8, height: 1)
        let used = frame.put("Revenue per customer", x: 1, y: 0, maxWidth: 6)
        #expect(used == 6)
        #expect(frame.line(0) == " Reven… ")
        // A wide character that would straddle the edge is dropped, not split.
        var wide = Frame(width: 4, height: 1)
        wide.put("日本語", x: 0, y: 0, maxWidth: 4)
        #expect(DisplayWidth.of(wide.line(0)) == 4)
        #expect(wide.line(0).hasPrefix("日…"))
    }

    @Test func paddedTextAlignsRightByDisplayWidth() {
        var frame = Frame(width: 6, height: 1)
        frame.putPadded("日本", x: 0, y: 0, width: 6, style: .normal, alignRight: true)
        #expect(frame.line(0) == "  日本")
    }

    @Test func emojiAndControlWidths() {
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("한국") == 4)
    }

    @Test func outOfBoundsWritesAreIgnored() {
        var frame = Frame(width: 3, height: 1)
        #expect(frame.put("x", x: 5, y: 0) == 0)
        #expect(frame.put("x", x: 0, y: 3) == 0)
        frame.fill(x: -2, y: -2, width: 10, height: 10, style: .error)
        #expect(frame[2, 0].style == .error)
    }
}
