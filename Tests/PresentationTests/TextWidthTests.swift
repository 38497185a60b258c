import Presentation
import Testing

@Suite("Display width")
struct TextWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("日本語", 6), ("e\u{301}", 1), ("Cafe\u{301}", 4), ("한국", 4),
        ("👍", 2), ("👩‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("ｆｕｌｌ", 8), ("a\u{200B}b", 2), ("tab\there", 7), ("🌡", 1), ("🌡️", 2),
    ])
    func widths(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected)
    }

    @Test func truncateNeverSplitsAWideCharacterOrACluster() {
        #expect(TextWidth.truncate("日本語テキスト", to: 6) == "日本…")
        #expect(TextWidth.truncate("日本語テキスト", to: 5) == "日本…")
        #expect(TextWidth.truncate("Cafe\u{301} au lait", to: 5) == "Cafe\u{301}…")
        #expect(TextWidth.truncate("short", to: 5) == "short")
        #expect(TextWidth.truncate("short", to: 0) == "")
        #expect(TextWidth.truncate("short", to: 1) == "…")
    }

    @Test func padCountsDisplayColumns() {
        #expect(TextWidth.pad("日本", to: 6, right: false) == "日本  ")
        #expect(TextWidth.pad("42", to: 5, right: true) == "   42")
        #expect(TextWidth.pad("toolong", to: 3, right: true) == "toolong")
    }
}
