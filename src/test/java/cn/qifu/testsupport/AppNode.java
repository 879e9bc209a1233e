package cn.qifu.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The application as a separate operating-system process, as a node of a cluster runs it: {@code java -cp <this JVM's
 * class path> cn.qifu.QifuApplication} with the profiles {@code mysql,demo} on the given database. Its output goes to
 * {@code <build dir>/nodes/<name>.log} (appended, so a restarted node keeps one log). {@link #kill()} is {@code kill -9}.
 *
 * <p>Works from a surefire test (whose {@code java.class.path} is only the manifest-only booter jar) and from a plain
 * {@code java -cp …} main.
 */
public final class AppNode implements AutoCloseable {

    /** How long a node may take to report UP; two nodes starting together on two shared cores need a while. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    /** Where this run's output begins in the (appended) log. */
    private final long logStart;

    private AppNode(String name, int port, Process process, Path log, long logStart) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts a node with the default heap (see the other {@code start}) and waits until it is UP. */
    public static AppNode start(String name, int port, String jdbcUrl, String user, String password,
            Map<String, String> properties) {
        return start(name, port, jdbcUrl, user, password, properties, List.of("-Xmx512m"));
    }

    /**
     * Launches {@code java <jvmOptions> -cp <class path> cn.qifu.QifuApplication --server.port=<port>
     * --spring.datasource.url=<jdbcUrl> …} with the profiles {@code mysql,demo} (the profile can be replaced through
     * {@code properties}, key {@code spring.profiles.active}) and every property as {@code --key=value}; waits until
     * {@code /actuator/health} is UP.
     */
    public static AppNode start(String name, int port, String jdbcUrl, String user, String password,
            Map<String, String> properties, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dfile.encoding=UTF-8");
        command.add("-cp");
        command.add(classPath());
        command.add("cn.qifu.QifuApplication");
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + jdbcUrl);
        command.add("--spring.datasource.username=" + user);
        command.add("--spring.datasource.password=" + (password == null ? "" : password));
        if (!properties.containsKey("spring.profiles.active")) {
            command.add("--spring.profiles.active=mysql,demo");
        }
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));

        Path log = buildDirectory().resolve("nodes").resolve(name + ".log");
        Process process;
        long logStart;
        try {
            Files.createDirectories(log.getParent());
            logStart = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "=== " + Instant.now() + " starting node " + name + " on port " + port + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    // the node's working directory is not the checkout: nothing relative lands in ./data
                    .directory(log.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + name, e);
        }
        // a test JVM that ends (or dies) does not leave its nodes running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        AppNode node = new AppNode(name, port, process, log, logStart);
        node.awaitUp(START_TIMEOUT);
        return node;
    }

    /** A free port on loopback (the operating system's choice). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook runs, locks held by this node stay in the database until they expire. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** A graceful stop (SIGTERM: Spring closes the context, the job executor hands back its jobs). */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(90))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "node " + name + " (pid " + pid() + ", " + baseUrl() + ")";
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException(this + " was not UP within " + timeout + ":\n" + tail());
    }

    /** What this node wrote since it was started (the log file also holds earlier runs of the same name). */
    public String output() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - logStart)];
            file.seek(logStart);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log, e);
        }
    }

    /** The end of the node's output, for a failure message. */
    public String tail() {
        try {
            List<String> lines = output().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IllegalStateException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The class path of this JVM as a list of files. Surefire forks with a manifest-only jar, so {@code java.class.path}
     * may be that one jar; surefire puts the real one into {@code surefire.test.class.path}, and the jar's manifest has
     * it as well (Class-Path, file URLs). A plain {@code java -cp} main has it in {@code java.class.path}.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : path.split(File.pathSeparator)) {
            // an empty entry (surefire ends the list with one) would be the working directory: processes/ twice
            if (!entry.isBlank()) {
                entries.addAll(manifestClassPath(entry));
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The Class-Path of a manifest-only jar (surefire's booter), resolved to files; empty for any other entry. */
    private static List<String> manifestClassPath(String entry) {
        List<String> result = new ArrayList<>();
        if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
            return result;
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || manifest.getMainAttributes().getValue("Main-Class") == null
                    || !manifest.getMainAttributes().getValue("Main-Class").contains("surefire")) {
                return result;
            }
            URI base = Path.of(entry).toUri();
            for (String url : classPath.trim().split("\\s+")) {
                result.add(Path.of(base.resolve(url)).toString());
            }
        } catch (IOException | IllegalArgumentException e) {
            return result;
        }
        return result;
    }

    /** {@code <build dir>}: the parent of the directory this class was loaded from (test-classes). */
    public static Path buildDirectory() {
        try {
            Path classes = Path.of(AppNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
