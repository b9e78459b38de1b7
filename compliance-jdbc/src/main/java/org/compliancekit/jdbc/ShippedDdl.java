package org.compliancekit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The DDL scripts shipped in this package's resources, one per table kind and database product. */
final class ShippedDdl {
    private ShippedDdl() {
    }

    /** The script {@code <kind>-<product>.sql}; MySQL shares MariaDB's. */
    static String read(String kind, DatabaseProduct product) {
        String file = kind + "-" + (product == DatabaseProduct.MYSQL ? "mariadb" : product.name().toLowerCase(Locale.ROOT)) + ".sql";
        try (InputStream in = ShippedDdl.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("resource org/compliancekit/jdbc/" + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource org/compliancekit/jdbc/" + file + " failed", e);
        }
    }
}
