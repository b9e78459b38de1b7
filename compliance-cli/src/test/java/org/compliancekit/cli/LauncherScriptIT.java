package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code compliance} launcher shipped next to the shaded jar, run as a user runs it: with a class-data archive
 * written on the first run and used after, a new archive for a changed jar, and every command's output the same
 * with or without an archive, whatever state the archive is in.
 */
class LauncherScriptIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static Path launcher;
    private static Path jar;

    @TempDir
    Path cache;
    @TempDir
    Path work;

    @BeforeAll
    static void findThePackagedFiles() throws IOException {
        launcher = TARGET.resolve("compliance");
        try (Stream<Path> files = Files.list(TARGET)) {
            jar = files.filter(p -> p.getFileName().toString().matches("compliance-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded jar in " + TARGET + "; run 'mvn verify'"));
        }
        assertThat(launcher).isRegularFile();
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheSecondUsesItWithTheSameOutput() throws Exception {
        Run first = run(launcher, Map.of(), "--version");
        List<Path> archives = archives();
        Run second = run(launcher, Map.of(), "--version");

        assertThat(first.code()).isZero();
        assertThat(first.out()).startsWith("compliance ");
        assertThat(first.err()).isEmpty();
        assertThat(archives).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(archives()).isEqualTo(archives);
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".jsa"));
        }
    }

    @Test
    void aCommandThatWritesAFileWorksWithTheArchiveAsWithout() throws Exception {
        Run plain = run(launcher, Map.of("COMPLIANCE_CDS", "off"), "keygen", "--out", work.resolve("a.key").toString());
        Run writing = run(launcher, Map.of(), "keygen", "--out", work.resolve("b.key").toString());
        Run using = run(launcher, Map.of(), "keygen", "--out", work.resolve("c.key").toString());

        for (Run r : List.of(plain, writing, using)) {
            assertThat(r.code()).isZero();
            assertThat(r.err()).isEmpty();
        }
        assertThat(Files.readString(work.resolve("c.key")).strip()).hasSize(44);
        assertThat(archives()).hasSize(1);
    }

    @Test
    void eachCommandWritesAndKeepsAnArchiveOfItsOwn() throws Exception {
        run(launcher, Map.of(), "--version");
        List<Path> afterVersion = archives();
        run(launcher, Map.of(), "keygen", "--out", work.resolve("a.key").toString());
        List<Path> afterKeygen = archives();
        Run again = run(launcher, Map.of(), "--version");

        assertThat(afterVersion).hasSize(1);
        assertThat(afterKeygen).hasSize(2).containsAll(afterVersion);
        assertThat(afterKeygen).anyMatch(p -> p.getFileName().toString().endsWith("-keygen.jsa"));
        assertThat(again.code()).isZero();
        assertThat(archives()).isEqualTo(afterKeygen);
    }

    @Test
    void mistypedCommandsShareOneArchiveAndTheScriptKnowsEveryCommand() throws Exception {
        run(launcher, Map.of(), "bakup");
        run(launcher, Map.of(), "restor");

        assertThat(archives()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .endsWith("-other.jsa"));
        String script = Files.readString(launcher);
        for (String command : new picocli.CommandLine(new ComplianceCli(CliEnvironment.system())).getSubcommands().keySet()) {
            assertThat(script).as("the launcher's list of commands").containsPattern("\\| " + command + " ?[|)]");
        }
    }

    @Test
    void aChangedJarGetsANewArchiveAndTheOldOneIsRemoved() throws Exception {
        Path script = Files.copy(launcher, work.resolve("compliance"));
        Path copy = Files.copy(jar, work.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(run(script, Map.of(), "--version").code()).isZero();
        List<Path> before = archives();

        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() + 60_000));
        Run afterUpgrade = run(script, Map.of(), "--version");

        assertThat(afterUpgrade.code()).isZero();
        assertThat(afterUpgrade.err()).isEmpty();
        assertThat(before).hasSize(1);
        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredWithoutAWord() throws Exception {
        Run clean = run(launcher, Map.of("COMPLIANCE_CDS", "off"), "--version");
        run(launcher, Map.of(), "--version");
        Path archive = archives().get(0);
        Files.write(archive, "not a class-data archive".getBytes(StandardCharsets.US_ASCII));

        Run withGarbage = run(launcher, Map.of(), "--version");

        assertThat(withGarbage).isEqualTo(clean);
    }

    @Test
    void withoutAWritableCacheTheCommandRunsWithoutAnArchive() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");

        Run r = run(launcher, Map.of("COMPLIANCE_CDS_DIR", file.resolve("cache").toString()), "--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("compliance ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aLinkToTheScriptFindsTheJarNextToTheScript() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("compliance"), launcher);

        Run r = run(link, Map.of(), "--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("compliance ");
    }

    @Test
    void aMissingJarIsNamedWithExitCodeTwo() throws Exception {
        Path script = Files.copy(launcher, work.resolve("compliance"));

        Run r = run(script, Map.of(), "--version");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no compliance-cli-*-all.jar next to");
        assertThat(archives()).isEmpty();
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private Run run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("COMPLIANCE_JAR");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("COMPLIANCE_CDS_DIR", cache.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        int code = pb.start().waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    /** What one run of the launcher printed and returned. */
    private record Run(int code, String out, String err) {
    }
}
