package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.compliancekit.store.SqlType;
import org.junit.jupiter.api.Test;

/**
 * Array parameters are handed to the driver as typed Java arrays when their elements allow it: pgjdbc sends a
 * {@code String[]} or {@code Long[]} in binary, but builds and escapes a text literal for an {@code Object[]}.
 */
class ArrayElementsTest {
    private final Dialect dialect = Dialect.of(DatabaseProduct.POSTGRESQL);

    @Test
    void elementsOfOneBoxedOrStringClassBecomeAnArrayOfThatClassNullsIncluded() {
        assertThat(dialect.arrayElements(Arrays.asList("a", null, "c\\\"{,}"), SqlType.TEXT))
                .isExactlyInstanceOf(String[].class).containsExactly("a", null, "c\\\"{,}");
        assertThat(dialect.arrayElements(List.of(1L, 2L), SqlType.BIGINT)).isExactlyInstanceOf(Long[].class);
        assertThat(dialect.arrayElements(List.of(1, 2), SqlType.INTEGER)).isExactlyInstanceOf(Integer[].class);
        assertThat(dialect.arrayElements(List.of(true), SqlType.BOOLEAN)).isExactlyInstanceOf(Boolean[].class);
    }

    @Test
    void mixedOtherOrNestedElementsStayObjects() {
        assertThat(dialect.arrayElements(List.of(1L, 2), SqlType.BIGINT)).isExactlyInstanceOf(Object[].class)
                .containsExactly(1L, 2);
        assertThat(dialect.arrayElements(List.of(BigDecimal.ONE), SqlType.DECIMAL)).isExactlyInstanceOf(Object[].class);
        Object[] nested = dialect.arrayElements(List.of(List.of("a"), List.of("b")), SqlType.TEXT);
        assertThat(nested).isExactlyInstanceOf(Object[].class);
        assertThat(nested[0]).isExactlyInstanceOf(String[].class);
        assertThat(dialect.arrayElements(Arrays.asList(null, null), SqlType.TEXT)).isExactlyInstanceOf(Object[].class)
                .containsExactly(null, null);
    }
}
