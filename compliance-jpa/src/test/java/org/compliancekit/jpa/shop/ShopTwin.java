package org.compliancekit.jpa.shop;

import java.time.Duration;
import java.util.List;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;

/** The shop's PII map and rules written by hand, as a JDBC user would: what the scanner must produce. */
public final class ShopTwin {
    private ShopTwin() {
    }

    public static PiiMap map() {
        SubjectLink viaPayment = SubjectLink.path(List.of(Join.to("id", "payments", "id"),
                Join.to("purchase_order_id", "orders", "id")), SubjectLink.id("customer_id"));
        return PiiMap.builder()
                .table("bank_transfer", t -> t.subject(viaPayment).field("iban", Strategy.hash()))
                .table("card_payments", t -> t.subject(viaPayment).field("card_holder", Strategy.redact())
                        .keep("last_digits", "chargeback disputes: 18 months"))
                .table("customer_phones", t -> t.subjectId("customer_id").field("phone", Strategy.nulled()).deleteRow()
                        .purpose("customer account").categories("contact details"))
                .table("customer_phones_aud", t -> t.subjectId("customer_id").deleteRow()
                        .purpose("customer account").categories("contact details"))
                .table("customer_profiles", t -> t.subjectId("id").field("about_me", Strategy.redact("[removed]"))
                        .purpose("customer account").categories("contact details"))
                .table("customer_profiles_aud", t -> t.subjectId("id").field("about_me", Strategy.redact("[removed]"))
                        .purpose("customer account").categories("contact details"))
                .table("customers", t -> customer(t))
                .table("customers_aud", t -> customer(t))
                .table("login_session", t -> t.subjectId("customer_id").field("ip_address", Strategy.nulled()).deleteRow())
                .table("messages", t -> t.subjectId("recipient_id").field("body", Strategy.redact())
                        .field("to_address", Strategy.hash()).field("to_number", Strategy.nulled()))
                .table("newsletter_signup", t -> t.subjectEmail("email_address").field("email_address", Strategy.hash())
                        .deleteRow())
                .table("order_line", t -> t.subject(SubjectLink.path(List.of(Join.to("purchase_order_id", "orders", "id")),
                        SubjectLink.id("customer_id"))).field("gift_message", Strategy.nulled()))
                .table("order_line_aud", t -> t.subject(SubjectLink.path(List.of(Join.to("purchase_order_id", "orders_aud", "id")),
                        SubjectLink.id("customer_id"))).field("gift_message", Strategy.nulled()))
                .table("orders", t -> order(t))
                .table("orders_aud", t -> order(t))
                .table("referral", t -> t.subjectId("referred_id").field("note", Strategy.redact()))
                .build();
    }

    private static org.compliancekit.pii.TableMapping.Builder customer(org.compliancekit.pii.TableMapping.Builder t) {
        return t.subjectId("id").field("city", Strategy.nulled()).field("email", Strategy.hash())
                .field("full_name", Strategy.redact()).field("street_line", Strategy.redact())
                .purpose("customer account").categories("contact details");
    }

    private static org.compliancekit.pii.TableMapping.Builder order(org.compliancekit.pii.TableMapping.Builder t) {
        return t.subjectId("customer_id").keep("amount", "bookkeeping law: 10 years")
                .field("ship_city", Strategy.nulled()).field("ship_street", Strategy.redact()).purpose("order fulfilment");
    }

    public static List<RetentionRule> rules() {
        Condition shipped = new Condition.In("status", List.of("SHIPPED", "CANCELLED"));
        return List.of(
                RetentionRule.delete("login_session").after(Duration.ofDays(30)).countingFrom("created_at").build(),
                RetentionRule.anonymize("orders").named("orders-anonymize").after(Duration.ofDays(730))
                        .countingFrom("created_at").when(shipped).build(),
                RetentionRule.anonymize("orders_aud").named("orders-anonymize-history").after(Duration.ofDays(730))
                        .countingFrom("created_at").when(shipped).build());
    }
}
