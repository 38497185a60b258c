/// The generated SQL, scrollable, in an overlay.
struct SQLViewer: Sendable {
    var request: RequestID
    var lines: [String]? = nil
    var error: String? = nil
    var scroll = 0

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .down, .char("j"): scroll = min(max(0, (lines?.count ?? 0) - 1), scroll + 1)
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll = min(max(0, (lines?.count ?? 0) - 1), scroll + 10)
        case .escape, .char("q"), .char("v"), .enter: return false
        default: break
        }
        return true
    }

    func render(into frame: inout Frame, area: Rect) {
        let box = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        frame.fill(x: box.x, y: box.y, width: box.width, height: box.height, style: .normal)
        frame.box(x: box.x, y: box.y, width: box.width, height: box.height, title: "SQL (y copies · Esc closes)")
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        if let error {
            frame.put(error, x: inner.x, y: inner.y, style: .error, maxWidth: inner.width)
        } else if let lines {
            for i in 0..<inner.height where scroll + i < lines.count {
                frame.put(lines[scroll + i], x: inner.x, y: inner.y + i, maxWidth: inner.width)
            }
        } else {
            frame.put("Compiling…", x: inner.x, y: inner.y, style: .dim)
        }
    }
}
