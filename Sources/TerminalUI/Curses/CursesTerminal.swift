import CNcursesw
import Foundation

/// The only code that talks to curses: starts and restores the terminal, decodes keys, and draws
/// frames (only rows that changed since the last frame).
final class CursesTerminal: TerminalDevice {
    private var previous: Frame?
    private var attributes: [Int32] = []
    private(set) var colorCount = 0
    private var active = false

    /// Puts the terminal in curses mode. `color` false (NO_COLOR, `--no-color`) uses attributes only.
    init(color: Bool) {
        setlocale(LC_ALL, "")
        // A short ESCDELAY so Esc responds at once (the default waits a second for a sequence).
        setenv("ESCDELAY", "25", 0)
        // Before initscr: the modes a crash handler must put back are the shell's, not curses'.
        CrashGuard.saveTerminalModes()
        initscr()
        active = true
        CrashGuard.arm()
        raw()
        noecho()
        nonl()
        sg_keypad_on()
        curs_set(0)
        if color, has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(sg_colors())
        }
        attributes = Style.allCases.map { Palette.attributes(for: $0, colors: colorCount) }
        Palette.definePairs(colors: colorCount)
    }

    deinit { restore() }

    /// Leaves curses mode; safe to call more than once.
    func restore() {
        guard active else { return }
        active = false
        sg_attrset(0)
        endwin()
        CrashGuard.disarm()
    }

    var size: (width: Int, height: Int) { (Int(sg_cols()), Int(sg_lines())) }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        sg_timeout(Int32(timeoutMilliseconds))
        var code: UInt32 = 0
        let result = sg_get_wch(&code)
        if result == sg_err() { return nil }
        if result == sg_key_code_yes() { return Self.decodeKeyCode(Int32(code)) }
        return Self.decodeCharacter(code)
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case sg_key_up(): .up
        case sg_key_down(): .down
        case sg_key_left(): .left
        case sg_key_right(): .right
        case sg_key_ppage(): .pageUp
        case sg_key_npage(): .pageDown
        case sg_key_home(): .home
        case sg_key_end(): .end
        case sg_key_enter(): .enter
        case sg_key_backspace(): .backspace
        case sg_key_dc(): .delete
        case sg_key_btab(): .backTab
        case sg_key_resize(): .resize
        default: nil
        }
    }

    static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return nil }
            return .char(Character(scalar))
        }
    }

    func draw(_ frame: Frame) {
        let full = previous == nil || previous!.width != frame.width || previous!.height != frame.height
        if full { clear() }
        for y in 0..<frame.height {
            if !full, let previous, Self.rowEqual(previous, frame, y) { continue }
            drawRow(frame, y)
        }
        if let cursor = frame.cursor {
            curs_set(1)
            sg_move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
        previous = frame
    }

    /// Forces the next draw to repaint everything (after a resize).
    func invalidate() { previous = nil }

    /// OSC 52 ("set the clipboard"), written straight to the terminal after curses' last refresh:
    /// the sequence moves no cursor and draws nothing, so the screen curses knows stays true.
    /// xterm, kitty, iTerm2, WezTerm and tmux (`set-clipboard on`) honour it.
    func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        let bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            written += n
        }
    }

    private static func rowEqual(_ a: Frame, _ b: Frame, _ y: Int) -> Bool {
        for x in 0..<a.width where a[x, y] != b[x, y] { return false }
        return a.cursor.map { $0.y == y } == b.cursor.map { $0.y == y }
    }

    private func drawRow(_ frame: Frame, _ y: Int) {
        var x = 0
        // The bottom-right cell is left alone: writing it scrolls some terminals.
        let lastColumn = y == frame.height - 1 ? frame.width - 1 : frame.width
        while x < lastColumn {
            let style = frame[x, y].style
            var run = ""
            let start = x
            while x < lastColumn, frame[x, y].style == style {
                run += frame[x, y].text
                x += 1
            }
            sg_attrset(attributes[Int(style.rawValue)])
            sg_mvaddstr(Int32(y), Int32(start), run)
        }
        sg_attrset(0)
    }
}

/// Terminal operations the run loop needs; curses in the app, a plain frame recorder in tests.
protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    func readKey(timeoutMilliseconds: Int) -> Key?
    func draw(_ frame: Frame)
    func invalidate()
    func restore()
    /// Puts text on the terminal's clipboard, where the terminal allows it.
    func copyToClipboard(_ text: String)
}

extension TerminalDevice {
    func copyToClipboard(_ text: String) {}
}
