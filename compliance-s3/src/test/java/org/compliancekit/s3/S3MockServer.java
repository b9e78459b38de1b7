package org.compliancekit.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Adobe S3Mock, a real S3 API server, started in this JVM on a random port with its files under a folder of the
 * test's choosing. {@link #shared()} serves most tests; tests that stop a server start their own.
 */
final class S3MockServer implements S3TestServer, AutoCloseable {
    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-never-printed";

    private static S3MockServer shared;

    private final Path root;
    private final boolean ownsRoot;
    private S3MockApplication app;

    private S3MockServer(Path root, boolean ownsRoot) {
        this.root = root;
        this.ownsRoot = ownsRoot;
        start();
    }

    /** One server for the whole test run, stopped when the JVM exits. */
    static synchronized S3MockServer shared() {
        if (shared == null) {
            shared = startFresh();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own over a new, empty folder, deleted on {@link #close()}. */
    static S3MockServer startFresh() {
        try {
            return new S3MockServer(Files.createTempDirectory("s3mock"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new server over the same folder on a new port, as a restarted store would come back. */
    void restart() {
        stop();
        start();
    }

    private void start() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
                "com.adobe.testing.s3mock.store.retainFilesOnExit", true,
                S3MockApplication.PROP_SILENT, true));
        // S3Mock removes the keys it consumes, so the map must be mutable.
        app = S3MockApplication.start(properties);
    }

    void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + app.getHttpPort());
    }

    @Override
    public S3ClientBuilder clientBuilder() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public S3BlobStoreBuilder storeOn(String bucket) {
        return S3BlobStore.builder(bucket)
                .withEndpoint(endpoint())
                .withPathStyleAccess(true)
                .withRegion("us-east-1")
                .withCredentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public String toString() {
        return "S3Mock at " + endpoint();
    }

    @Override
    public void close() {
        stop();
        if (ownsRoot) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
