package org.compliancekit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.compliancekit.ConfigurationException;
import org.junit.jupiter.api.Test;

class SchemaDescriptionTest {
    private static TableSchema table(String name, String... parents) {
        List<ForeignKey> fks = java.util.Arrays.stream(parents)
                .map(p -> new ForeignKey("fk_" + name + "_" + p, List.of(p + "_id"), p, List.of("id"))).toList();
        List<ColumnSchema> cols = new java.util.ArrayList<>(List.of(ColumnSchema.of("id", SqlType.BIGINT, false)));
        for (String p : parents) {
            cols.add(ColumnSchema.of(p + "_id", SqlType.BIGINT, true));
        }
        return new TableSchema(name, cols, List.of("id"), fks);
    }

    @Test
    void ordersParentsBeforeChildrenAndIgnoresSelfReferences() {
        SchemaDescription s = SchemaDescription.of(table("items", "orders"), table("orders", "users"),
                table("users", "users"), table("reviews", "users", "items"));
        assertThat(s.parentsFirst(List.of("reviews", "items", "orders", "users")))
                .containsExactly("users", "orders", "items", "reviews");
    }

    @Test
    void aCycleIsAnErrorNamingTheTables() {
        SchemaDescription s = SchemaDescription.of(table("a", "b"), table("b", "c"), table("c", "a"));
        assertThatThrownBy(() -> s.parentsFirst(List.of("a", "b", "c")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a → b → c → a");
    }

    @Test
    void findsTablesCaseInsensitivelyOnlyWhenUnambiguous() {
        SchemaDescription s = SchemaDescription.of(table("USERS"), table("Orders"), table("orders"));
        assertThat(s.table("users")).map(TableSchema::name).contains("USERS");
        assertThat(s.table("orders")).map(TableSchema::name).contains("orders");
        assertThat(s.table("ORDERS")).isEmpty();
        assertThatThrownBy(() -> s.require("nope")).hasMessageContaining("nope");
    }

    @Test
    void rowKeysOrderNumbersByValueWhateverTheirClass() {
        assertThat(RowKey.of(2).compareTo(RowKey.of(10L))).isNegative();
        assertThat(RowKey.of("a", 2L).compareTo(RowKey.of("a", 1))).isPositive();
        assertThatThrownBy(() -> RowKey.of((Object) null)).isInstanceOf(NullPointerException.class);
    }
}
