import CNcursesw

/// Colours and attributes per style: 256-colour pairs when the terminal has them, the 8 basic
/// colours otherwise, and bold/reverse/underline/dim alone without colour, chosen so every role is
/// still told apart in monochrome (selection reversed, headers bold, NULL and dim text dimmed,
/// errors and spikes bold, dips underlined).
enum Palette {
    static func definePairs(colors: Int) {
        guard colors >= 8 else { return }
        for style in Style.allCases {
            let (fg, bg) = colors >= 256 ? rich(style) : basic(style)
            init_pair(Int16(style.rawValue) + 1, Int16(fg), Int16(bg))
        }
    }

    /// Foreground and background from the 256-colour palette (-1: the terminal's default).
    private static func rich(_ style: Style) -> (Int, Int) {
        switch style {
        case .normal: (-1, -1)
        case .title: (75, -1)
        case .header: (252, -1)
        case .selection: (16, 117)
        case .selectionInactive: (-1, 238)
        case .dim: (245, -1)
        case .dimension: (152, -1)
        case .measure: (179, -1)
        case .null: (242, -1)
        case .error: (203, -1)
        case .spike: (77, -1)
        case .dip: (203, -1)
        case .border: (240, -1)
        case .status: (252, 236)
        case .key: (117, -1)
        case .totals: (230, 237)
        case .input: (231, 237)
        case .chosen: (121, -1)
        case .good: (77, -1)
        case .bad: (203, -1)
        }
    }

    private static func basic(_ style: Style) -> (Int, Int) {
        let (black, red, green, yellow, blue, cyan, white) = (0, 1, 2, 3, 4, 6, 7)
        switch style {
        case .normal, .header, .dim, .null, .border, .totals, .input, .selectionInactive: return (-1, -1)
        case .title: return (cyan, -1)
        case .selection: return (black, cyan)
        case .dimension: return (cyan, -1)
        case .measure: return (yellow, -1)
        case .error, .dip, .bad: return (red, -1)
        case .spike, .chosen, .good: return (green, -1)
        case .status: return (white, blue)
        case .key: return (cyan, -1)
        }
    }

    static func attributes(for style: Style, colors: Int) -> Int32 {
        let bold = sg_attr_bold(), reverse = sg_attr_reverse(), underline = sg_attr_underline(), dim = sg_attr_dim()
        let mono: Int32 = switch style {
        case .normal, .dimension, .measure: 0
        case .title, .header: bold
        case .selection: reverse | bold
        case .selectionInactive: underline
        case .dim, .border: dim
        case .null: dim
        case .error, .spike, .good: bold
        case .dip, .bad: underline
        case .status, .totals: reverse
        case .key: bold
        case .input: underline
        case .chosen: bold
        }
        guard colors >= 8 else { return mono }
        let pair = sg_color_pair(Int32(style.rawValue) + 1)
        let extra: Int32 = switch style {
        case .title, .header, .selection, .error, .chosen: bold
        case .totals: bold
        default: 0
        }
        return pair | extra
    }
}
