package org.compliancekit.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of compliance-core that wrote a backup, from the jar's Maven metadata. */
final class LibraryVersion {
    private static final String VERSION = load();

    private LibraryVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(
                "/META-INF/maven/org.compliancekit/compliance-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        String fromManifest = LibraryVersion.class.getPackage().getImplementationVersion();
        return fromManifest == null ? "unknown" : fromManifest;
    }
}
