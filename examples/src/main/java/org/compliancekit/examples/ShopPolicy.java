package org.compliancekit.examples;

import java.time.Duration;
import java.util.List;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.RetentionPresets;

/** The example shop's policy, written with the Java DSL: where personal data lives and what becomes of it. */
public final class ShopPolicy {
    private ShopPolicy() {
    }

    /** The PII map of every shop table, with the processor register. */
    public static PiiMap map() {
        return PiiMap.builder()
                .table("users", t -> t.primaryKey("id").subjectId("id")
                        .purpose("customer account").categories("contact details", "identity", "address")
                        .field("email", Strategy.hash())
                        .field("name", Strategy.redact())
                        .field("phone", Strategy.nulled())
                        .field("shipping_address", Strategy.redact())
                        .field("password_hash", Strategy.redact()))
                .table("orders", t -> t.primaryKey("id").subjectId("user_id")
                        .purpose("order fulfilment and bookkeeping").categories("contact details", "address", "purchases")
                        .field("email", Strategy.hash())
                        .field("phone", Strategy.nulled())
                        .field("shipping_address", Strategy.redact())
                        .keep("amount", "bookkeeping law: 5 years")
                        .keep("stripe_payment_intent_id", "bookkeeping law: 5 years"))
                .table("product_reviews", t -> t.primaryKey("id").subjectId("user_id")
                        .purpose("published product reviews").categories("opinions")
                        .field("author_name", Strategy.redact())
                        .field("author_email", Strategy.hash())
                        .keep("rating", "aggregate product rating, no personal data")
                        .keep("body", "published review text; the author is removed"))
                .table("subscriptions", t -> t.primaryKey("id").subjectId("user_id")
                        .purpose("paid subscriptions").categories("purchases")
                        .keep("stripe_customer_id", "cancelled separately at the payment provider")
                        .field("plan", Strategy.redact()))
                .table("leads", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                        .purpose("sales enquiries").categories("contact details")
                        .field("name", Strategy.nulled()).field("email", Strategy.nulled())
                        .field("phone", Strategy.nulled()).field("company", Strategy.nulled())
                        .field("message", Strategy.nulled()))
                .table("contacts", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                        .purpose("contact form").categories("contact details")
                        .field("name", Strategy.nulled()).field("email", Strategy.nulled())
                        .field("message", Strategy.nulled()))
                .table("subscribers", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                        .purpose("newsletter").categories("contact details")
                        .field("email", Strategy.nulled()))
                .table("feedback", t -> t.primaryKey("id").subjectId("user_id").deleteRow()
                        .purpose("service feedback").categories("opinions")
                        .field("email", Strategy.nulled()).field("message", Strategy.nulled()))
                .table("coupon_usage", t -> t.primaryKey("id").subjectId("user_id")
                        .purpose("coupon fraud prevention").categories("purchases", "network")
                        .field("email", Strategy.hash()).field("ip", Strategy.nulled()))
                .table("checkout_sessions", t -> t.primaryKey("id").subjectEmail("buyer_email").deleteRow()
                        .purpose("abandoned checkout recovery").categories("contact details", "address")
                        .field("buyer_email", Strategy.nulled()).field("buyer_name", Strategy.nulled())
                        .field("shipping_address", Strategy.nulled()))
                .processor("Stripe", "card payments and subscriptions", List.of("email", "billing address"),
                        DpaStatus.SIGNED, "USA (EU Standard Contractual Clauses)")
                .processor("Postmark", "transactional email", List.of("email", "name"), DpaStatus.SIGNED, "EU")
                .build();
    }

    /**
     * The whole policy: the map, the five seed retention rules, daily encrypted backups kept 14 days (shorter than
     * the shortest retention period, so deleted rows do not linger in backups), audit kept forever.
     */
    public static CompliancePolicy policy() {
        return new CompliancePolicy(map(), RetentionPresets.defaults(),
                BackupSettings.defaults().withEnabled(true).withRetention(Duration.ofDays(14)),
                AuditSettings.defaults());
    }
}
