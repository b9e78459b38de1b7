package org.compliancekit.spring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.ConnectionSource;
import org.compliancekit.jdbc.DatabaseProduct;
import org.compliancekit.jdbc.JdbcComplianceKit;
import org.compliancekit.kit.AuditLogFactory;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.policy.Problem;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.subject.ErasureLedger;
import org.compliancekit.subject.ProcessorErasureHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the {@link ComplianceKit} of a Spring Boot application from its {@code DataSource}, the policy file (or,
 * with {@code compliance-jpa}, its annotated entities) and the {@code compliance.*} properties, validating the policy
 * against the live schema at startup. Every bean backs off when the application defines its own;
 * {@link ComplianceKitCustomizer}s adjust the rest.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@ConditionalOnClass(ComplianceKit.class)
@ConditionalOnBooleanProperty(name = "compliance.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ComplianceProperties.class)
@Import({ComplianceS3Configuration.class, ComplianceJpaConfiguration.class})
public class ComplianceAutoConfiguration {
    static final String S3_STORE = "org.compliancekit.s3.S3BlobStore";
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceAutoConfiguration.class);

    /** Reads policy files; define your own to register custom strategies with {@code withStrategy}. */
    @Bean
    @ConditionalOnMissingBean
    PolicyFiles compliancePolicyFiles() {
        return PolicyFiles.standard();
    }

    /**
     * The policy: the application's {@link PiiMap} bean or the policy file, with the properties applied. Lazy: an
     * application that builds its own {@link ComplianceKit} needs no policy file.
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    CompliancePolicy compliancePolicy(ComplianceProperties properties, ObjectProvider<PiiMap> maps, PolicyFiles files,
            ResourceLoader resources, Environment environment) {
        PiiMap map = maps.getIfUnique();
        CompliancePolicy base = map != null ? CompliancePolicy.of(map)
                : PolicyAssembler.read(resources, files, properties.getPolicyLocation());
        return new PolicyAssembler(properties, Binder.get(environment)).apply(base);
    }

    /** The backup keys from {@code compliance.backup.keys}; empty when none are configured. */
    @Bean
    @ConditionalOnMissingBean
    KeyRing complianceKeyRing(ComplianceProperties properties) {
        Map<String, String> keys = properties.getBackup().getKeys();
        if (keys.isEmpty()) {
            return KeyRing.empty();
        }
        String primary = properties.getBackup().getPrimaryKeyId();
        if (primary == null && keys.size() == 1) {
            primary = keys.keySet().iterator().next();
        }
        return KeyRing.of(primary, keys);
    }

    /** The checkpoint signer from {@code compliance.audit.signing.*}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "compliance.audit.signing", name = "private-key")
    CheckpointSigner complianceCheckpointSigner(ComplianceProperties properties) {
        ComplianceProperties.Signing s = properties.getAudit().getSigning();
        if (s.getKeyId() == null || s.getPublicKey() == null) {
            throw new ConfigurationException("compliance.audit.signing.private-key is set but key-id or public-key "
                    + "is missing; set all three");
        }
        return CheckpointSigner.fromBase64(s.getKeyId(), s.getPrivateKey(), s.getPublicKey());
    }

    /** Backups into {@code compliance.backup.filesystem.path}. */
    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    @ConditionalOnProperty(prefix = "compliance.backup.filesystem", name = "path")
    BlobStore complianceFileSystemBlobStore(ComplianceProperties properties) {
        if (properties.getBackup().getS3().getBucket() != null) {
            throw new ConfigurationException("both compliance.backup.filesystem.path and compliance.backup.s3.bucket "
                    + "are set; set one of them");
        }
        return FileSystemBlobStore.at(properties.getBackup().getFilesystem().getPath());
    }

    /** Fails clearly when S3 storage is configured but the S3 module is missing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(S3_STORE)
    @ConditionalOnProperty(prefix = "compliance.backup.s3", name = "bucket")
    static class MissingS3Module {
        MissingS3Module() {
            throw new ConfigurationException("compliance.backup.s3.bucket is set but compliance-s3 is not on the "
                    + "class path; add the dependency org.compliancekit:compliance-s3");
        }
    }

    /** The kit on the application's one {@code DataSource}: data, audit trail, job lock and legal holds there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.compliancekit.jdbc.JdbcComplianceKit")
    @ConditionalOnSingleCandidate(DataSource.class)
    static class JdbcKitConfiguration {

        /** Lets the data store join the application's Spring-managed transactions. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnClass(name = "org.springframework.jdbc.datasource.DataSourceUtils")
        ConnectionSource complianceConnectionSource(DataSource dataSource) {
            return new SpringTransactionConnections(dataSource);
        }

        /** Validates against the live schema, so it waits for Flyway, Liquibase or the SQL scripts. */
        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        ComplianceKit complianceKit(DataSource dataSource, CompliancePolicy policy, ComplianceProperties properties,
                KeyRing keys, ObjectProvider<CheckpointSigner> signer, ObjectProvider<BlobStore> blobStore,
                ObjectProvider<DataStore> dataStore, ObjectProvider<AuditLog> auditLog,
                ObjectProvider<LegalHold> legalHold, ObjectProvider<ErasureLedger> ledger,
                ObjectProvider<ProcessorErasureHook> hooks, ObjectProvider<AuditEventListener> listeners,
                ObjectProvider<ComplianceKitCustomizer> customizers, ObjectProvider<ConnectionSource> connections,
                ObjectProvider<PolicyValidation> validation) {
            ComplianceKit.Builder kit = JdbcComplianceKit.builder(dataSource, policy,
                    connections.getIfUnique(() -> ConnectionSource.of(dataSource)));
            List<AuditEventListener> observers = listeners.orderedStream().toList();
            AuditLog userLog = auditLog.getIfUnique();
            if (userLog != null) {
                kit.withAuditLog(ObservedAuditLog.wrap(userLog, observers));
            } else {
                AuditLogFactory jdbc = JdbcComplianceKit.auditLogs(dataSource, DatabaseProduct.detect(dataSource));
                kit.withAuditLogFactory((settings, key, clock) ->
                        ObservedAuditLog.wrap(jdbc.create(settings, key, clock), observers));
                signer.ifUnique(kit::withSigner);
                if (policy.audit().retentionPeriod().isPresent() && signer.getIfUnique() == null) {
                    throw new ConfigurationException("compliance.audit.retention is set but no checkpoint signing key "
                            + "is: pruning signs the trail's new starting point; set compliance.audit.signing.key-id, "
                            + "private-key and public-key, or remove compliance.audit.retention");
                }
            }
            DataStore store = dataStore.getIfUnique();
            ValidationReport named = null;
            if (store != null) {
                kit.withDataStore(store);
                PolicyValidation v = validation.getIfUnique();
                named = v == null ? null : v.validate(policy, store).map(ValidationReport::throwIfInvalid).orElse(null);
            }
            legalHold.ifUnique(kit::withLegalHold);
            ledger.ifUnique(kit::withErasureLedger);
            blobStore.ifUnique(kit::withBlobStore);
            kit.withKeys(keys);
            if (properties.getHashSecret() != null) {
                kit.withHashSecret(hashSecret(properties.getHashSecret()));
            }
            hooks.orderedStream().forEach(kit::withProcessorHook);
            customizers.orderedStream().forEach(c -> c.customize(kit));
            ComplianceKit built = kit.build();
            return logWarnings(built, named == null ? built.validation().warnings() : named.warnings());
        }
    }

    static byte[] hashSecret(String secret) {
        if (secret.length() < 16) {
            throw new ConfigurationException("compliance.hash-secret is shorter than 16 characters; use a long random "
                    + "value, e.g. openssl rand -base64 32");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Startup is the one place the validation warnings are logged; errors already failed the build. */
    static ComplianceKit logWarnings(ComplianceKit kit, List<Problem> warnings) {
        for (Problem p : warnings) {
            LOG.warn("compliance policy: {}", p);
        }
        LOG.info("compliance kit ready: {} mapped tables, {} retention rules, backups {}, {} validation warning(s)",
                kit.policy().map().tables().size(), kit.policy().rules().size(),
                kit.policy().backup().enabled() ? "enabled" : "disabled", warnings.size());
        return kit;
    }
}
