package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.SqlType;
import org.junit.jupiter.api.Test;

/** Strings written by their bytes where they need no escape come out exactly as Jackson's own string writing. */
class ValueCodecStringTest {
    private static final ColumnSchema TEXT = ColumnSchema.of("t", SqlType.TEXT, true);

    @Test
    void everyKindOfTextIsWrittenAsJacksonWritesIt() throws IOException {
        List<String> fixed = List.of("", "plain ascii 123 ~!@#$%^&*()_+{}[]|:;'<>,.?/`", "quote \" inside",
                "back\\slash", "tab\tnew\nline\rcr", "nul \0 and \u001f", "del \u007f", "ümlaut", "emoji \uD83D\uDE00",
                "lone \uD83D surrogate", "lone \uDE00 low", "\u2028 line separator", "/solidus/");
        for (String s : fixed) {
            assertThat(ours(s)).as(s).isEqualTo(jacksons(s));
        }
        Random random = new Random(42);
        for (int n = 0; n < 5_000; n++) {
            char[] cs = new char[random.nextInt(40)];
            for (int i = 0; i < cs.length; i++) {
                // mostly printable ASCII, sometimes anything
                cs[i] = random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5f));
            }
            String s = new String(cs);
            assertThat(ours(s)).as("random %d", n).isEqualTo(jacksons(s));
        }
    }

    private static byte[] ours(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Snapshot.JSON.createGenerator(out)) {
            g.writeStartArray();
            ValueCodec.encode(g, TEXT, s);
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static byte[] jacksons(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Snapshot.JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(s);
            g.writeEndArray();
        }
        return out.toByteArray();
    }
}
