package org.compliancekit.spring;

import org.compliancekit.ConfigurationException;
import org.compliancekit.s3.S3BlobStore;
import org.compliancekit.s3.S3BlobStoreBuilder;
import org.compliancekit.store.BlobStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Backups into the S3 bucket of {@code compliance.backup.s3.*}, when compliance-s3 is on the class path. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = ComplianceAutoConfiguration.S3_STORE)
@ConditionalOnProperty(prefix = "compliance.backup.s3", name = "bucket")
class ComplianceS3Configuration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(BlobStore.class)
    S3BlobStore complianceS3BlobStore(ComplianceProperties properties) {
        ComplianceProperties.S3 s3 = properties.getBackup().getS3();
        if (properties.getBackup().getFilesystem().getPath() != null) {
            throw new ConfigurationException("both compliance.backup.filesystem.path and compliance.backup.s3.bucket "
                    + "are set; set one of them");
        }
        S3BlobStoreBuilder b = S3BlobStore.builder(s3.getBucket()).withPathStyleAccess(s3.isPathStyle());
        if (s3.getPrefix() != null) {
            b.withKeyPrefix(s3.getPrefix());
        }
        if (s3.getRegion() != null) {
            b.withRegion(s3.getRegion());
        }
        if (s3.getEndpoint() != null) {
            b.withEndpoint(s3.getEndpoint());
        }
        if (s3.getAccessKeyId() != null || s3.getSecretAccessKey() != null) {
            if (s3.getAccessKeyId() == null || s3.getSecretAccessKey() == null) {
                throw new ConfigurationException("compliance.backup.s3.access-key-id and secret-access-key go "
                        + "together; set both, or neither to use the AWS SDK's default credentials");
            }
            b.withCredentials(s3.getAccessKeyId(), s3.getSecretAccessKey());
        }
        if (s3.getConnectTimeout() != null) {
            b.withConnectTimeout(s3.getConnectTimeout());
        }
        if (s3.getSocketTimeout() != null) {
            b.withSocketTimeout(s3.getSocketTimeout());
        }
        if (s3.getAttemptTimeout() != null) {
            b.withAttemptTimeout(s3.getAttemptTimeout());
        }
        return b.build();
    }
}
