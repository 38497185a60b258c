extension String {
    /// Trims ASCII spaces, tabs and line breaks without Foundation.
    func trimmingSpaces() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !Self.isSpace($0) })!
        return String(self[first...last])
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
