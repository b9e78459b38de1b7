package org.compliancekit.retention;

import java.util.List;
import org.compliancekit.store.Condition;

/**
 * The five retention rules a typical shop starts from. Column names are parameters because every schema names
 * them differently; the periods are the usual defaults and can be changed with {@link RetentionRule} directly.
 */
public final class RetentionPresets {
    private RetentionPresets() {
    }

    /** Order states after which an order's recipient data is no longer needed. */
    public static final List<Object> CLOSED_ORDER_STATES = List.of("shipped", "delivered", "cancelled", "refunded");

    /** Orders: anonymize 30 days after shipping, delivery, cancellation or refund. */
    public static RetentionRule orders(String table, String statusColumn, String statusChangedAtColumn) {
        return RetentionRule.anonymize(table).named("orders").afterDays(30).countingFrom(statusChangedAtColumn)
                .when(new Condition.In(statusColumn, CLOSED_ORDER_STATES)).build();
    }

    /** Contact-form submissions: delete 90 days after creation. */
    public static RetentionRule contacts(String table, String createdAtColumn) {
        return RetentionRule.delete(table).named("contacts").afterDays(90).countingFrom(createdAtColumn).build();
    }

    /** Newsletter subscribers: delete 90 days after they became inactive; active subscribers are never touched. */
    public static RetentionRule subscribers(String table, String activeColumn, String updatedAtColumn) {
        return RetentionRule.delete(table).named("subscribers").afterDays(90).countingFrom(updatedAtColumn)
                .when(Condition.isFalse(activeColumn)).build();
    }

    /** Feedback: delete 180 days after creation. */
    public static RetentionRule feedback(String table, String createdAtColumn) {
        return RetentionRule.delete(table).named("feedback").afterDays(180).countingFrom(createdAtColumn).build();
    }

    /** Coupon usage: anonymize 90 days after use. */
    public static RetentionRule couponUsage(String table, String usedAtColumn) {
        return RetentionRule.anonymize(table).named("coupon-usage").afterDays(90).countingFrom(usedAtColumn).build();
    }

    /** All five with the column names of the example shop. */
    public static List<RetentionRule> defaults() {
        return List.of(
                orders("orders", "status", "status_changed_at"),
                contacts("contacts", "created_at"),
                subscribers("subscribers", "active", "updated_at"),
                feedback("feedback", "created_at"),
                couponUsage("coupon_usage", "used_at"));
    }
}
