/// A one-line text editor: insert at the cursor, Backspace/Delete, Left/Right/Home/End, Ctrl-U to
/// clear, Ctrl-W to delete a word. Edits characters (grapheme clusters), never half a character.
struct TextInput: Equatable, Sendable {
    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String {
        get { String(characters) }
        set { characters = Array(newValue); cursor = characters.count }
    }

    /// Applies an editing key; returns false for keys it does not handle.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default: return false
        }
        return true
    }

    /// Draws the input in `width` columns, scrolled so the cursor is visible, and places the cursor.
    func render(into frame: inout Frame, x: Int, y: Int, width: Int, style: Style = .input) {
        guard width > 1 else { return }
        frame.fill(x: x, y: y, width: width, height: 1, style: style)
        var start = 0
        var before = DisplayWidth.of(String(characters[0..<cursor]))
        while before > width - 1, start < cursor {
            before -= DisplayWidth.of(characters[start])
            start += 1
        }
        frame.put(String(characters[start...]), x: x, y: y, style: style, maxWidth: width)
        frame.cursor = (x + before, y)
    }
}
