package org.compliancekit.store.support;

/** Object key rules shared by blob stores, so a key that works in one store works in all. */
public final class Keys {
    private Keys() {
    }

    /**
     * Rejects keys that some stores cannot hold or that escape a folder: empty, leading {@code /}, {@code ..}
     * segments, backslashes, control characters, over 1,024 bytes.
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        if (key.startsWith("/") || key.contains("\\") || key.contains("//")
                || ("/" + key + "/").contains("/../") || ("/" + key + "/").contains("/./")) {
            throw new IllegalArgumentException("object key '" + key + "' must be a relative path without '.', '..', "
                    + "'//' or backslashes");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("object key contains a control character at index " + i);
            }
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw new IllegalArgumentException("object key is longer than 1024 bytes");
        }
        return key;
    }
}
