package org.compliancekit.s3;

import java.net.URI;
import java.time.Duration;
import org.compliancekit.ConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * What it takes to build the store's own {@link S3Client} when the application does not pass one in.
 *
 * @param region the signing region, or {@code null} for the SDK's region chain ({@code AWS_REGION}, profile, ...)
 * @param endpoint an endpoint override for R2, MinIO and other S3-compatible stores, or {@code null} for AWS
 * @param pathStyle whether to address buckets as {@code endpoint/bucket} instead of {@code bucket.endpoint}
 * @param credentials the credentials, or {@code null} for the SDK's default provider chain
 * @param connectTimeout how long to wait for a TCP connection
 * @param socketTimeout how long a read or write on an open connection may stall
 * @param attemptTimeout how long one HTTP attempt may take in all, a whole part upload included
 * @param callTimeout how long one request may take in all, every retry included
 * @param maxAttempts attempts per request, first one included, under the SDK's standard retry strategy
 * @param awsChunked whether uploads may use aws-chunked encoding (signed chunks over plain HTTP, checksum trailers)
 */
record ClientSettings(
        String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials,
        Duration connectTimeout, Duration socketTimeout, Duration attemptTimeout, Duration callTimeout,
        int maxAttempts, boolean awsChunked) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    S3Client create() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(socketTimeout))
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(maxAttempts).build());
                    // A socket timeout does not cover a blocked write: only these bound a server that stops reading.
                    o.apiCallAttemptTimeout(attemptTimeout);
                    o.apiCallTimeout(callTimeout);
                })
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .forcePathStyle(pathStyle);
        if (!awsChunked) {
            // Plain bodies with a Content-Length, checksums only where an operation requires one: what every
            // S3-compatible store accepts.
            builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new ConfigurationException("could not create the S3 client: " + e.getMessage()
                    + "; set the region with withRegion(..) (R2: \"auto\") or the AWS_REGION environment variable", e);
        }
    }
}
