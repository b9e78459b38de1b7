package org.compliancekit.examples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Creates the shop's tables and fills them with demo rows whose dates straddle every retention boundary: for each
 * rule some rows a day past their period (they expire) and some a day short of it (they stay), plus rows a
 * condition excludes (open orders, active subscribers).
 */
final class DemoData {
    private final Instant now;

    DemoData(Instant now) {
        this.now = now;
    }

    /** Creates the schema and the rows when the database is new; does nothing otherwise. */
    boolean createIfMissing(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (var rs = c.getMetaData().getTables(null, c.getSchema(), "USERS", null)) {
                if (rs.next()) {
                    return false;
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : schema().split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            insertRows(c);
            c.commit();
            return true;
        }
    }

    private static String schema() {
        try (var in = DemoData.class.getResourceAsStream("shop-schema.sql")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return text.replaceAll("(?m)--.*$", "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("shop-schema.sql is missing from the example's resources", e);
        }
    }

    private void insertRows(Connection c) throws SQLException {
        exec(c, "INSERT INTO site VALUES (1, 'Example Shop')");
        for (int u = 1; u <= 20; u++) {
            exec(c, "INSERT INTO users (email, name, phone, shipping_address, password_hash, created_at) VALUES (?,?,?,?,?,?)",
                    "customer" + u + "@example.com", "Customer " + u, "+45 20 30 40 " + (10 + u),
                    u + " Harbour Street, Copenhagen", "$2a$10$demo" + u, daysAgo(400 - u));
        }
        String[] states = {"shipped", "delivered", "cancelled", "refunded", "pending", "paid"};
        int order = 0;
        for (int u = 1; u <= 20; u++) {
            for (int k = 0; k < 3; k++) {
                String state = states[order % states.length];
                // Alternate a day past and a day short of the 30-day period.
                int age = order % 2 == 0 ? 31 : 29;
                exec(c, "INSERT INTO orders (user_id, email, phone, shipping_address, amount, stripe_payment_intent_id, "
                                + "status, status_changed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        (long) u, "customer" + u + "@example.com", "+45 20 30 40 " + (10 + u),
                        u + " Harbour Street, Copenhagen", new BigDecimal(19 + order + ".95"), "pi_demo_" + order,
                        state, daysAgo(age), daysAgo(age + 3));
                order++;
            }
            exec(c, "INSERT INTO product_reviews (user_id, author_name, author_email, rating, body, created_at) VALUES (?,?,?,?,?,?)",
                    (long) u, "Customer " + u, "customer" + u + "@example.com", 1 + u % 5, "Great product number " + u, daysAgo(u));
            exec(c, "INSERT INTO subscriptions (user_id, stripe_customer_id, plan, created_at) VALUES (?,?,?,?)",
                    (long) u, "cus_demo_" + u, u % 2 == 0 ? "monthly" : "yearly", daysAgo(100 + u));
            exec(c, "INSERT INTO coupon_usage (coupon_code, user_id, email, ip, used_at) VALUES (?,?,?,?,?)",
                    "WELCOME10", (long) u, "customer" + u + "@example.com", "192.0.2." + u, daysAgo(u % 2 == 0 ? 91 : 89));
            exec(c, "INSERT INTO feedback (user_id, email, message, created_at) VALUES (?,?,?,?)",
                    (long) u, "customer" + u + "@example.com", "Feedback from customer " + u, daysAgo(u % 2 == 0 ? 181 : 179));
        }
        for (int i = 1; i <= 10; i++) {
            exec(c, "INSERT INTO contacts (name, email, message, created_at) VALUES (?,?,?,?)",
                    "Visitor " + i, "visitor" + i + "@example.org", "Question " + i, daysAgo(i % 2 == 0 ? 91 : 89));
            exec(c, "INSERT INTO subscribers (email, active, updated_at) VALUES (?,?,?)",
                    "reader" + i + "@example.org", i % 3 == 0, daysAgo(i % 2 == 0 ? 91 : 89));
            exec(c, "INSERT INTO leads (name, email, phone, company, message, created_at) VALUES (?,?,?,?,?,?)",
                    "Lead " + i, "lead" + i + "@example.net", "+1 555 010" + i, "Company " + i, "Pricing please", daysAgo(i));
            exec(c, "INSERT INTO checkout_sessions (id, buyer_email, buyer_name, shipping_address, created_at) VALUES (?,?,?,?,?)",
                    "cs_demo_" + i, "buyer" + i + "@example.org", "Buyer " + i, i + " Main Road", daysAgo(i));
        }
    }

    // Timestamps without a zone are UTC throughout Compliance Kit; LocalDateTime avoids the JVM's default zone.
    private LocalDateTime daysAgo(int days) {
        return LocalDateTime.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
