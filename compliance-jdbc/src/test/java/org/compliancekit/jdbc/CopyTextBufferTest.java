package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.compliancekit.store.SqlType;
import org.junit.jupiter.api.Test;

/**
 * The bytes {@link CopyTextBuffer} writes are exactly those the loader sent before it wrote bytes directly: the
 * value's {@link PostgresCopyLoader#text}, COPY-escaped, encoded as UTF-8.
 */
class CopyTextBufferTest {
    private final Random random = new Random(20261129);

    @Test
    void textWithEscapesAndEveryUtf8LengthIsEncodedAsBefore() {
        for (String s : List.of("", "plain", "tab\there", "line\nbreak\r\n", "back\\slash\\\\", "ümlaut é",
                "€ 中文 \uffff", "emoji \ud83d\ude00 pair", "lone \ud83d high", "lone \ude00 low", "end high \ud83d",
                "\u0000\u007f\u0080\u07ff\u0800", "\\N", "quote \" and {brace}")) {
            same(s, SqlType.TEXT, null);
            same(s, SqlType.JSON, null);
        }
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                sb.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : "\\\t\n\rab 1é€".charAt(random.nextInt(10))));
            }
            same(sb.toString(), SqlType.TEXT, null);
        }
    }

    @Test
    void integersAreWrittenAsBefore() {
        for (long v : new long[] {0, 1, -1, 9, 10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            same(v, SqlType.BIGINT, null);
        }
        for (int i = 0; i < 5000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            same(v, SqlType.BIGINT, null);
            same((int) v, SqlType.INTEGER, null);
            same((short) v, SqlType.SMALLINT, null);
        }
        same(new BigDecimal("12345678901234567890123"), SqlType.BIGINT, null);
    }

    @Test
    void datesTimesAndTimestampsAreWrittenAsBefore() {
        for (int i = 0; i < 5000; i++) {
            long second = random.nextLong(LocalDate.of(1, 1, 1).toEpochDay() * 86_400L,
                    LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_400);
            int nano = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            LocalDateTime dt = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
            if (random.nextInt(4) == 0) {
                dt = dt.withSecond(0).withNano(0);
            }
            int offsetSeconds = random.nextInt(3) == 0 ? 0 : random.nextInt(-18 * 3600, 18 * 3600 + 1);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextBoolean() ? offsetSeconds : offsetSeconds / 900 * 900);
            same(dt.toLocalDate(), SqlType.DATE, null);
            same(dt.toLocalTime(), SqlType.TIME, null);
            same(dt, SqlType.TIMESTAMP, null);
            same(OffsetDateTime.of(dt, offset), SqlType.TIMESTAMP_TZ, null);
        }
        for (Object v : new Object[] {LocalDate.MAX, LocalDate.MIN, LocalDate.of(0, 1, 1), LocalDate.of(-44, 3, 15),
                LocalDate.of(10000, 1, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)}) {
            same(v, SqlType.DATE, null);
        }
        for (Object v : new Object[] {LocalDateTime.MAX, LocalDateTime.MIN, LocalDateTime.of(0, 1, 1, 0, 0),
                LocalDateTime.of(12345, 1, 1, 1, 2, 3, 4)}) {
            same(v, SqlType.TIMESTAMP, null);
        }
        for (Object v : new Object[] {OffsetDateTime.MAX, OffsetDateTime.MIN,
                OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15))}) {
            same(v, SqlType.TIMESTAMP_TZ, null);
        }
        same(LocalTime.MAX, SqlType.TIME, null);
        same(LocalTime.MIDNIGHT, SqlType.TIME, null);
    }

    @Test
    void otherTypesAreWrittenAsBefore() {
        same(true, SqlType.BOOLEAN, null);
        same(false, SqlType.BOOLEAN, null);
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        same(bytes, SqlType.BINARY, null);
        same(new byte[0], SqlType.BINARY, null);
        same(new BigDecimal("-12.3400"), SqlType.DECIMAL, null);
        same(Double.NaN, SqlType.DECIMAL, null);
        same(1.5e10f, SqlType.REAL, null);
        same(-0.0, SqlType.DOUBLE, null);
        same(UUID.randomUUID(), SqlType.UUID, null);
        same(Arrays.asList("a\tb", null, "c\\\"d", List.of("x")), SqlType.ARRAY, SqlType.TEXT);
        same(List.of(LocalDate.of(-3, 1, 1), LocalDate.of(2024, 2, 29)), SqlType.ARRAY, SqlType.DATE);
    }

    @Test
    void aValueLargerThanTheBufferGrowsIt() {
        String big = "x\t€".repeat(100_000);
        CopyTextBuffer b = new CopyTextBuffer(8);
        b.separator('a');
        b.value(big, SqlType.TEXT, null);
        assertThat(Arrays.copyOf(b.bytes(), b.size())).isEqualTo(("a" + before(big, SqlType.TEXT, null))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void same(Object v, SqlType type, SqlType elementType) {
        CopyTextBuffer b = new CopyTextBuffer(4);
        b.value(v, type, elementType);
        assertThat(new String(Arrays.copyOf(b.bytes(), b.size()), StandardCharsets.ISO_8859_1))
                .as("%s %s", type, v.getClass().getSimpleName())
                .isEqualTo(new String(before(v, type, elementType).getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1));
    }

    /** The text the loader sent before: {@code text(v)} with COPY's backslash escapes. */
    private static String before(Object v, SqlType type, SqlType elementType) {
        String s = PostgresCopyLoader.text(v, type, elementType);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
