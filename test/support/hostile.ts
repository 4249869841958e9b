/** Text as an attacker writes it, for the tests of what reaches a terminal (issue 24). */

/** Every byte a terminal acts on rather than prints: C0 but tab and newline, DEL, C1, and the bidi controls. */
export const CONTROL_BYTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const ESC = '\u001b';
/** A title that sets the window title (OSC 0), the clipboard (OSC 52), colours, a C1 CSI, BEL, a reset, and turns itself around (bidi). */
export const HOSTILE = `Crash ${ESC}]0;pwned${ESC}\\in ${ESC}]52;c;ZWNobyBoaQ==\u0007${ESC}[31;5mred${ESC}[0m \u009b2J\u0007 ${ESC}c\u202egnp.exe\u202c done\u0085`;
