package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read ISO forms give exactly the JDK parser's values, and whatever the JDK rejects is still rejected. */
class IsoTemporalsTest {

    @Property(tries = 3000)
    void timestampsWithOffsetsReadAsTheJdkReadsThem(@ForAll("offsetDateTimes") OffsetDateTime v) {
        String s = v.toString();
        assertThat(IsoTemporals.offsetDateTime(s)).isEqualTo(OffsetDateTime.parse(s)).isEqualTo(v);
    }

    @Property(tries = 2000)
    void localTimestampsDatesAndTimesReadAsTheJdkReadsThem(@ForAll("offsetDateTimes") OffsetDateTime v) {
        LocalDateTime dt = v.toLocalDateTime();
        assertThat(IsoTemporals.dateTime(dt.toString())).isEqualTo(LocalDateTime.parse(dt.toString())).isEqualTo(dt);
        assertThat(IsoTemporals.date(dt.toLocalDate().toString())).isEqualTo(dt.toLocalDate());
        assertThat(IsoTemporals.time(dt.toLocalTime().toString())).isEqualTo(dt.toLocalTime());
    }

    /** Fractions of every length from 1 to 9 digits, not only the 3, 6 or 9 that toString() writes. */
    @Property(tries = 1000)
    void fractionsOfAnyLengthReadAsTheJdkReadsThem(@ForAll("offsetDateTimes") OffsetDateTime v,
            @ForAll @IntRange(min = 1, max = 9) int digits) {
        String fraction = String.format("%09d", v.getNano()).substring(0, digits);
        String s = v.toLocalDateTime().withNano(0).toLocalDate() + "T" + two(v.getHour()) + ":" + two(v.getMinute())
                + ":" + two(v.getSecond()) + "." + fraction + v.getOffset();
        assertThat(IsoTemporals.offsetDateTime(s)).isEqualTo(OffsetDateTime.parse(s));
        String local = s.substring(0, s.length() - v.getOffset().toString().length());
        assertThat(IsoTemporals.dateTime(local)).isEqualTo(LocalDateTime.parse(local));
        assertThat(IsoTemporals.time(local.substring(11))).isEqualTo(LocalTime.parse(local.substring(11)));
    }

    /** Any one character changed: the result, or the rejection, is the JDK's. */
    @Property(tries = 3000)
    void damagedTextIsReadOrRejectedAsTheJdkDoes(@ForAll("offsetDateTimes") OffsetDateTime v,
            @ForAll @IntRange(min = 0, max = 40) int at, @ForAll("characters") char ch) {
        String s = v.toString();
        int i = at % s.length();
        String damaged = s.substring(0, i) + ch + s.substring(i + 1);
        sameAsJdk(damaged, IsoTemporals::offsetDateTime, OffsetDateTime::parse);
        String local = v.toLocalDateTime().toString();
        String damagedLocal = local.substring(0, at % local.length()) + ch + local.substring(at % local.length() + 1);
        sameAsJdk(damagedLocal, IsoTemporals::dateTime, LocalDateTime::parse);
        sameAsJdk(damagedLocal.substring(0, Math.min(10, damagedLocal.length())), IsoTemporals::date, LocalDate::parse);
        sameAsJdk(damagedLocal.substring(Math.min(11, damagedLocal.length())), IsoTemporals::time, LocalTime::parse);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00Z", "9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00Z",
            "-0001-01-01T00:00Z", "+10000-01-01T00:00Z", "-999999999-01-01T00:00+18:00",
            "+999999999-12-31T23:59:59.999999999-18:00", "2024-02-29T12:00+05:30", "2023-02-29T12:00+05:30",
            "2024-06-30T23:59:60Z", "2024-01-01T24:00Z", "2024-13-01T00:00Z", "2024-01-01T00:00+05:30:15",
            "2024-01-01T00:00-00:00:01", "2024-01-01T00:00+18:00", "2024-01-01T00:00+18:01", "2024-01-01T00:00+05",
            "2024-01-01T00:00+0530", "2024-01-01t00:00z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z",
            "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.12Z", "2024-01-01T00:00:00.1234Z",
            "2024-01-01T00:00:00.12345Z", "2024-01-01T00:00:00.1234567Z", "2024-01-01T00:00:00.12345678Z",
            "2024-01-01T00:00:60Z", "2024-01-01T00:60Z", "2024-01-01T0:00Z", "2024-1-01T00:00Z", "2024-01-01 00:00Z",
            "2024-01-01T00:00", "Z", "", "2024-01-01T00:00+05:60", "2024-01-01T00:00:00-05:30"})
    void edgeCasesMatchTheJdk(String s) {
        sameAsJdk(s, IsoTemporals::offsetDateTime, OffsetDateTime::parse);
        String local = s.replaceAll("(Z|z|[+-]\\d\\d(:?\\d\\d)*)$", "");
        sameAsJdk(local, IsoTemporals::dateTime, LocalDateTime::parse);
        sameAsJdk(local.length() >= 10 ? local.substring(0, 10) : local, IsoTemporals::date, LocalDate::parse);
        sameAsJdk(local.length() > 11 ? local.substring(11) : local, IsoTemporals::time, LocalTime::parse);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-01-01T00:00Z", "+10000-01-01T00:00Z", "-999999999-01-01T00:00+18:00"})
    void yearsBeforeOneAndBeyondFourDigitsStillReadThroughTheJdk(String s) {
        assertThat(IsoTemporals.offsetDateTime(s)).isEqualTo(OffsetDateTime.parse(s));
        int year = IsoTemporals.offsetDateTime(s).getYear();
        assertThat(year < 1 || year > 9999).as("year %d", year).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-06-30T23:59:60Z", "2024-01-01T00:00+18:01", "2023-02-29T12:00Z"})
    void leapSecondsAndImpossibleFieldsAreRejected(String s) {
        assertThatThrownBy(() -> IsoTemporals.offsetDateTime(s)).isInstanceOf(DateTimeException.class);
    }

    private static <T> void sameAsJdk(String s, Function<String, T> fast, Function<String, T> jdk) {
        T expected;
        try {
            expected = jdk.apply(s);
        } catch (DateTimeException e) {
            assertThatThrownBy(() -> fast.apply(s)).as(s).isInstanceOf(DateTimeException.class);
            return;
        }
        assertThat(fast.apply(s)).as(s).isEqualTo(expected);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    @Provide
    Arbitrary<OffsetDateTime> offsetDateTimes() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay() * 86_400L,
                        LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399),
                Arbitraries.longs().between(946_684_800L, 4_102_444_800L)); // 2000 to 2100, the usual range
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
                .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(Arbitraries.just(ZoneOffset.UTC),
                Arbitraries.integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900)),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds));
        Arbitrary<Boolean> wholeMinute = Arbitraries.of(true, false);
        return Combinators.combine(seconds, nanos, offsets, wholeMinute).as((sec, nano, offset, minute) -> {
            LocalDateTime dt = LocalDateTime.ofEpochSecond(sec, nano, ZoneOffset.UTC);
            return OffsetDateTime.of(minute ? dt.withSecond(0).withNano(0) : dt, offset);
        });
    }

    @Provide
    Arbitrary<Character> characters() {
        return Arbitraries.of('0', '1', '5', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', 'x', '/', '6', '2');
    }
}
