package org.compliancekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

    @Test
    void ourOwnAndTheJdksFileErrorsKeepTheirMessagesAlsoWhenWrapped() {
        assertThat(FailureMessages.safe(new StorageException("cannot read backups/x/manifest.json")))
                .isEqualTo("cannot read backups/x/manifest.json");
        assertThat(FailureMessages.safe(new RuntimeException("row (1, 'Ada')", new IOException("No space left on device"))))
                .isEqualTo("No space left on device");
        assertThat(FailureMessages.safe(new UncheckedIOException(new NoSuchFileException("/backups/k.key"))))
                .isEqualTo("NoSuchFileException: /backups/k.key");
    }

    @Test
    void anyOtherMessageIsWithheldBecauseItMayQuoteRowValues() {
        String driver = FailureMessages.safe(new RuntimeException("wrapped",
                new SQLException("Failing row contains (7, ada@example.com)", "23502")));
        assertThat(driver).doesNotContain("ada@example.com", "wrapped").contains("RuntimeException", "withheld");
        assertThat(FailureMessages.safe(new IllegalStateException("row (42, 'Ada Lovelace')")))
                .doesNotContain("Ada");
    }
}
