#ifndef SPYGLASS_CNCURSESW_SHIM_H
#define SPYGLASS_CNCURSESW_SHIM_H
// Wide-character curses: must be defined before <curses.h>.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that do not import into Swift, as tiny inline functions.
static inline int sg_attr_bold(void) { return (int)A_BOLD; }
static inline int sg_attr_reverse(void) { return (int)A_REVERSE; }
static inline int sg_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int sg_attr_dim(void) { return (int)A_DIM; }
static inline int sg_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int sg_key_resize(void) { return KEY_RESIZE; }
static inline int sg_err(void) { return ERR; }

// Used by the TerminalUI curses adapter (Sources/TerminalUI/Curses). Some of these are macros in
// some ncurses builds (attrset, getmaxy), so they are wrapped rather than called directly.
static inline int sg_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sg_ok(void) { return OK; }
static inline void sg_attrset(int attrs) { attrset(attrs); }
static inline int sg_lines(void) { return getmaxy(stdscr); }
static inline int sg_cols(void) { return getmaxx(stdscr); }
static inline void sg_mvaddstr(int y, int x, const char *s) { mvaddstr(y, x, s); }
static inline void sg_move(int y, int x) { move(y, x); }
static inline void sg_clrtoeol(void) { clrtoeol(); }
static inline void sg_keypad_on(void) { keypad(stdscr, TRUE); }
static inline void sg_timeout(int ms) { timeout(ms); }
/// Reads one key or character; returns OK (character in *ch), KEY_CODE_YES (key code in *ch) or ERR.
static inline int sg_get_wch(unsigned int *ch) { wint_t w = 0; int r = get_wch(&w); *ch = (unsigned int)w; return r; }
static inline int sg_key_up(void) { return KEY_UP; }
static inline int sg_key_down(void) { return KEY_DOWN; }
static inline int sg_key_left(void) { return KEY_LEFT; }
static inline int sg_key_right(void) { return KEY_RIGHT; }
static inline int sg_key_ppage(void) { return KEY_PPAGE; }
static inline int sg_key_npage(void) { return KEY_NPAGE; }
static inline int sg_key_home(void) { return KEY_HOME; }
static inline int sg_key_end(void) { return KEY_END; }
static inline int sg_key_enter(void) { return KEY_ENTER; }
static inline int sg_key_backspace(void) { return KEY_BACKSPACE; }
static inline int sg_key_dc(void) { return KEY_DC; }
static inline int sg_key_btab(void) { return KEY_BTAB; }
static inline int sg_colors(void) { return COLORS; }
#endif
