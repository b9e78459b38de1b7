package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code backup.parallelism}: auto or 1 to 64, read and written by the policy file, bad values named. */
class BackupParallelismSettingTest {
    private final PolicyFiles files = PolicyFiles.standard();

    @Test
    void defaultsToAutoWhichIsOnePerCoreAtMostFourAndNeverMoreThanTables() {
        BackupSettings d = BackupSettings.defaults();
        assertThat(d.parallelism()).isEqualTo(BackupSettings.DEFAULT_PARALLELISM).isEqualTo(BackupSettings.AUTO_PARALLELISM);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(d.parallelismFor(100)).isEqualTo(Math.min(cores, BackupSettings.AUTO_PARALLELISM_CAP));
        assertThat(d.parallelismFor(1)).isEqualTo(1);
        assertThat(d.parallelismFor(0)).isEqualTo(1);
        assertThat(d.withParallelism(8).parallelismFor(3)).isEqualTo(3);
        assertThat(d.withParallelism(8).parallelismFor(30)).isEqualTo(8);
    }

    @Test
    void thePolicyFileReadsAndWritesIt() {
        assertThat(files.parse("version: 1\nbackup: {parallelism: 3}").backup().parallelism()).isEqualTo(3);
        assertThat(files.parse("version: 1\nbackup: {parallelism: auto}").backup().parallelism())
                .isEqualTo(BackupSettings.AUTO_PARALLELISM);
        assertThat(files.parse("version: 1\nbackup: {enabled: true}").backup().parallelism())
                .isEqualTo(BackupSettings.DEFAULT_PARALLELISM);
        CompliancePolicy three = CompliancePolicy.of(PiiMap.empty())
                .withBackup(BackupSettings.defaults().withParallelism(3));
        String yaml = files.toYaml(three);
        assertThat(yaml).contains("parallelism: 3");
        assertThat(files.parse(yaml).backup().parallelism()).isEqualTo(3);
        assertThat(files.toYaml(CompliancePolicy.of(PiiMap.empty()))).contains("parallelism: auto");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "65", "many", "2.5", "true", "''"})
    void aBadValueInThePolicyFileIsRefusedNamingTheSetting(String value) {
        assertThatThrownBy(() -> files.parse("version: 1\nbackup: {parallelism: " + value + "}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("backup.parallelism")
                .hasMessageContaining("auto or a whole number from 1 to 64");
    }

    @Test
    void aBadValueInCodeOrOnTheCommandLineIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> BackupSettings.defaults().withParallelism(-1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("backup.parallelism")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> BackupSettings.defaults().withParallelism(65))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("backup.parallelism");
        assertThatThrownBy(() -> BackupSettings.parseParallelism("0", "--parallelism"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--parallelism")
                .hasMessageContaining("'0'");
        assertThat(BackupSettings.parseParallelism(" AUTO ", "--parallelism")).isEqualTo(BackupSettings.AUTO_PARALLELISM);
        assertThat(BackupSettings.parseParallelism("64", "--parallelism")).isEqualTo(64);
    }
}
