package org.compliancekit.jpa;

/** Identifier text as Hibernate renders it, reduced to the name the database stores. */
final class Names {
    private Names() {
    }

    /** {@code shop."Order"} → {@code Order}: the schema dropped (the store works in one), quotes removed. */
    static String plain(String rendered) {
        String s = rendered.trim();
        int dot = lastDotOutsideQuotes(s);
        if (dot >= 0) {
            s = s.substring(dot + 1);
        }
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '`' || s.charAt(0) == '[')) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static int lastDotOutsideQuotes(String s) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '`' || c == '[' || c == ']') {
                quoted = c == '[' || (c != ']' && !quoted);
            } else if (c == '.' && !quoted) {
                last = i;
            }
        }
        return last;
    }
}
