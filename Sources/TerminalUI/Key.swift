/// One keystroke, decoded from curses so that screen logic never sees curses codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// Control + a letter (`ctrl("c")`); Enter, Tab and Backspace have their own cases.
    case ctrl(Character)
    case resize

    /// Whether this key types text into an input line.
    var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
