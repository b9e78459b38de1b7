package org.compliancekit.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * s3rver, an S3-compatible server written for Node.js and independent of S3Mock, run by {@code node} as a child
 * process on a free port. It does not accept aws-chunked uploads, as some real S3-compatible stores do not.
 *
 * <p>The npm package is installed on first use into {@code target/s3rver} (the npm registry must be reachable
 * once). When node, npm or the server cannot start, the tests using it are skipped locally and fail under
 * {@code CI=true}.
 */
final class S3rverServer implements S3TestServer {
    /** s3rver's built-in account. */
    static final String ACCESS_KEY = "S3RVER";
    static final String SECRET_KEY = "S3RVER";
    private static final String VERSION = "3.7.1";
    private static final Path HOME = Path.of("target", "s3rver").toAbsolutePath();

    private static S3rverServer shared;

    private final Process process;
    private final URI endpoint;

    private S3rverServer(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** One server for the whole test run, stopped when the JVM exits. */
    static synchronized S3rverServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                String message = "s3rver could not start: " + e.getMessage();
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(message + " — CI requires the second S3 server", e);
                }
                Assumptions.abort(message);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static S3rverServer start() throws IOException {
        install();
        Path launcher = HOME.resolve("launch.js");
        try (InputStream in = S3rverServer.class.getResourceAsStream("/s3rver-launch.js")) {
            Files.copy(in, launcher, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path data = Files.createTempDirectory("s3rver");
        // s3rver's listing continuation tokens use DES, which Node's OpenSSL 3 keeps in its legacy provider.
        Process p = new ProcessBuilder("node", "--openssl-legacy-provider", launcher.toString(), data.toString())
                .directory(HOME.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("node " + launcher + " printed " + line + " instead of its port");
        }
        return new S3rverServer(p, Integer.parseInt(line.substring(5).strip()));
    }

    /** Installs the pinned s3rver package under target/ unless an earlier run did. */
    private static void install() throws IOException {
        if (Files.isRegularFile(HOME.resolve("node_modules/s3rver/package.json"))) {
            return;
        }
        Files.createDirectories(HOME);
        Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save",
                "--prefix", HOME.toString(), "s3rver@" + VERSION))
                .redirectErrorStream(true).redirectOutput(HOME.resolve("npm-install.log").toFile()).start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install s3rver@" + VERSION + " failed; see "
                        + HOME.resolve("npm-install.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing s3rver", e);
        }
    }

    void stop() {
        try {
            process.getOutputStream().close(); // the launcher stops the server when its input ends
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public S3ClientBuilder clientBuilder() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public S3BlobStoreBuilder storeOn(String bucket) {
        return S3BlobStore.builder(bucket).withEndpoint(endpoint).withPathStyleAccess(true).withRegion("us-east-1")
                .withCredentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public String toString() {
        return "s3rver " + VERSION + " at " + endpoint;
    }
}
