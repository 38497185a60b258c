#ifndef SPYGLASS_CNCURSESW_SHIM_H
#define SPYGLASS_CNCURSESW_SHIM_H
// Wide-character curses: must be defined before <curses.h>.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// Macros that do not import into Swift, as tiny inline functions.
static inline int sg_attr_bold(void) { return (int)A_BOLD; }
static inline int sg_attr_reverse(void) { return (int)A_REVERSE; }
static inline int sg_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int sg_attr_dim(void) { return (int)A_DIM; }
static inline int sg_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int sg_key_resize(void) { return KEY_RESIZE; }
static inline int sg_err(void) { return ERR; }
#endif
