package org.compliancekit.tck;

import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * The schema the {@link DataStoreContractTest} runs on: a small shop with a subject table, a child reached by id, a
 * grandchild reached along a join path, a table linked by email, and a table with a composite key. An
 * implementation's test turns it into its own DDL.
 */
public final class ContractSchema {
    private ContractSchema() {
    }

    public static final TableSchema USERS = new TableSchema("users", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.text("email", 255, false),
            ColumnSchema.text("name", 100, true),
            ColumnSchema.text("phone", 40, true),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)),
            List.of("id"), List.of());

    public static final TableSchema ORDERS = new TableSchema("orders", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("user_id", SqlType.BIGINT, true),
            ColumnSchema.text("status", 20, false),
            ColumnSchema.of("status_changed_at", SqlType.TIMESTAMP, true),
            ColumnSchema.text("shipping_address", 200, true),
            new ColumnSchema("amount", SqlType.DECIMAL, "decimal(12,2)", false, 12, 2, null, false)),
            List.of("id"), List.of(new ForeignKey("fk_orders_user", List.of("user_id"), "users", List.of("id"))));

    public static final TableSchema ORDER_ITEMS = new TableSchema("order_items", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("order_id", SqlType.BIGINT, false),
            ColumnSchema.text("product", 100, false),
            ColumnSchema.text("gift_message", 200, true)),
            List.of("id"), List.of(new ForeignKey("fk_items_order", List.of("order_id"), "orders", List.of("id"))));

    public static final TableSchema CONTACTS = new TableSchema("contacts", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.text("email", 255, true),
            ColumnSchema.text("message", 500, true),
            ColumnSchema.of("newsletter", SqlType.BOOLEAN, true),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, true)),
            List.of("id"), List.of());

    public static final TableSchema COUPON_USAGE = new TableSchema("coupon_usage", List.of(
            ColumnSchema.text("coupon", 20, false),
            ColumnSchema.of("user_id", SqlType.BIGINT, false),
            ColumnSchema.of("used_at", SqlType.TIMESTAMP, false),
            ColumnSchema.text("ip", 45, true)),
            List.of("coupon", "user_id"), List.of());

    /** All five tables, parents before children. */
    public static SchemaDescription schema() {
        return new SchemaDescription(List.of(USERS, ORDERS, ORDER_ITEMS, CONTACTS, COUPON_USAGE));
    }
}
