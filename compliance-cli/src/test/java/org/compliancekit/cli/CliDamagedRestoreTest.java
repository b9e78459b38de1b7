package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore} of a backup whose table file was damaged: exit 1, the table named, the database untouched. */
class CliDamagedRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedTableFileRestoresNothingAndExitsNonZero() throws Exception {
        CliFixture shop = new CliFixture(dir);
        Path key = dir.resolve("keys/k.key");
        Path auditKey = dir.resolve("keys/audit.properties");
        shop.run("keygen", "--out", key.toString()).assertOk();
        shop.run("keygen", "--audit", "--out", auditKey.toString()).assertOk();
        shop.run(concat(shop.common(key, auditKey), "backup")).assertOk();
        Path orders;
        try (Stream<Path> files = Files.walk(shop.store)) {
            // H2 spells the table ORDERS, whose file name escapes each upper-case letter.
            orders = files.filter(p -> p.getFileName().toString().startsWith("orders.")
                    || p.getFileName().toString().startsWith("%4F%52%44%45%52%53.")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(orders);
        Files.write(orders, Arrays.copyOf(b, b.length - 1));
        String second = shop.createShop("drill", false);

        CliFixture.Run r = shop.run(concat(List.of("--jdbc-url", second, "--user", "sa", "--store",
                shop.store.toString(), "--key-file", key.toString()), "restore"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("NOT restored", "failed verification while table", "nothing was restored");
        assertThat(r.err().toLowerCase(java.util.Locale.ROOT)).contains("table orders was loading");
        assertThat(shop.count(second, "SELECT COUNT(*) FROM users")).isZero();
        assertThat(shop.count(second, "SELECT COUNT(*) FROM orders")).isZero();
        shop.assertNoSecretsPrinted(key, auditKey);
    }
}
