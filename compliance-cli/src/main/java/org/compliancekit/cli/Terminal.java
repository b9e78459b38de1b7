package org.compliancekit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Keeps names from the database, the store and files from steering the terminal: a table named with ANSI escapes
 * must not clear the screen, one with a newline must not forge a second result line. Control characters, line and
 * paragraph separators and invisible format characters (such as right-to-left overrides) are shown escaped, as
 * {@code \n}, {@code \e} or {@code \u202e}.
 */
final class Terminal {
    private Terminal() {
    }

    /** {@code s} with every character that could move the cursor, end a line or hide text escaped. */
    static String safe(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean keepLineBreaks) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = isUnsafe(c) && !(keepLineBreaks && (c == '\n' || c == '\r' || c == '\t'));
            if (unsafe && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                out.append(unsafe ? escaped(c) : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isUnsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\u001b' -> "\\e";
            default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }

    /**
     * A stream for a whole run's output: escapes what {@link #safe} escapes except line breaks and tabs, which the
     * command line writes itself, so that nothing printed anywhere (a warning, a stack trace) can carry an escape
     * sequence to the terminal.
     */
    static PrintWriter filtered(PrintWriter target) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] buffer, int off, int len) {
                target.write(escape(new String(buffer, off, len), true));
            }

            @Override
            public void flush() {
                target.flush();
            }

            @Override
            public void close() throws IOException {
                target.close();
            }
        }, true);
    }

    /**
     * The writer a command's text result goes through: every value it prints with {@code printf} and every line it
     * prints with {@code println} or {@code print} is escaped as a whole, so a name can neither end the line nor
     * start another.
     */
    static PrintWriter report(PrintWriter target) {
        return new PrintWriter(target, true) {
            @Override
            public PrintWriter format(Locale l, String format, Object... args) {
                Object[] safeArgs = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    Object a = args[i];
                    safeArgs[i] = a == null || a instanceof Number || a instanceof Boolean
                            || a instanceof TemporalAccessor ? a : safe(a.toString());
                }
                return super.format(l, format, safeArgs);
            }

            @Override
            public PrintWriter format(String format, Object... args) {
                return format(Locale.getDefault(Locale.Category.FORMAT), format, args);
            }

            @Override
            public void print(String s) {
                super.print(safe(s));
            }

            @Override
            public void print(Object o) {
                print(String.valueOf(o));
            }

            @Override
            public void println(String s) {
                synchronized (lock) {
                    print(s);
                    println();
                }
            }

            @Override
            public void println(Object o) {
                println(String.valueOf(o));
            }
        };
    }
}
