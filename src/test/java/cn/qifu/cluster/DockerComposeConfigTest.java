package cn.qifu.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/: the compose file resolves (with the variables of docker/.env.example) to MySQL 8.4, two application nodes
 * of one image and a load balancer; every variable is documented; the Dockerfile builds the jar this pom makes. No
 * Docker engine is needed: {@code docker compose config} (or Debian's {@code docker-compose config}) only reads the
 * files. Never skipped: without either tool the test fails and says what to install.
 */
class DockerComposeConfigTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path COMPOSE = ROOT.resolve("docker/compose.yaml");
    static final Path ENV = ROOT.resolve("docker/.env.example");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void composeResolvesToTwoNodesOnMySqlBehindALoadBalancer() throws Exception {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("--env-file", ENV.toString(), "-f", COMPOSE.toString(), "config"));
        JsonNode config = new YAMLMapper().readTree(run(command));
        JsonNode services = config.get("services");
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("app1", "app2", "lb", "mysql");

        JsonNode mysql = services.get("mysql");
        assertThat(mysql.get("image").asText()).isEqualTo("mysql:8.4");
        assertThat(mysql.get("command").toString()).contains("--transaction-isolation=READ-COMMITTED")
                .contains("--character-set-server=utf8mb4").contains("--innodb-buffer-pool-size=4G");
        Map<String, String> env = envExample();
        assertThat(mysql.at("/environment/MYSQL_PASSWORD").asText()).isEqualTo(env.get("QIFU_DB_PASSWORD"));

        JsonNode app1 = services.get("app1");
        JsonNode app2 = services.get("app2");
        assertThat(app1.get("image").asText()).isEqualTo(app2.get("image").asText()).isEqualTo("qifu:local");
        assertThat(app1.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        for (JsonNode app : List.of(app1, app2)) {
            JsonNode e = app.get("environment");
            assertThat(e.get("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("mysql");
            assertThat(e.get("QIFU_DB_URL").asText()).startsWith("jdbc:mysql://mysql:3306/qifu?")
                    .contains("sendFractionalSeconds=false").contains("nullCatalogMeansCurrent=true");
            assertThat(e.get("QIFU_DB_USER").asText()).isEqualTo("qifu");
            assertThat(e.get("QIFU_DB_PASSWORD").asText()).isEqualTo(env.get("QIFU_DB_PASSWORD"));
            assertThat(e.get("QIFU_ADMIN_PASSWORD").asText()).isEqualTo(env.get("QIFU_ADMIN_PASSWORD"));
            assertThat(e.get("QIFU_JOB_LOCK_TIME_MILLIS").asText()).isEqualTo("300000");
            assertThat(e.get("QIFU_DB_CONNECTION_TIMEOUT_MILLIS").asText()).isEqualTo("5000");
            assertThat(app.at("/depends_on/mysql/condition").asText()).isEqualTo("service_healthy");
            assertThat(app.at("/healthcheck/test").toString()).contains("/actuator/health");
            assertThat(app.has("ports")).as("the nodes are reached through the load balancer only").isFalse();
        }
        assertThat(app1.at("/environment/CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME").asText()).isEqualTo("app1");
        assertThat(app2.at("/environment/CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME").asText()).isEqualTo("app2");

        JsonNode lb = services.get("lb");
        assertThat(lb.get("image").asText()).startsWith("nginx:");
        assertThat(lb.get("ports")).singleElement().satisfies(port -> {
            assertThat(port.get("published").asText()).isEqualTo(env.get("QIFU_HTTP_PORT"));
            assertThat(port.get("target").asInt()).isEqualTo(80);
        });
        assertThat(lb.get("volumes").toString()).contains("docker/nginx.conf").contains("/etc/nginx/nginx.conf");
        assertThat(lb.at("/depends_on/app1/condition").asText()).isEqualTo("service_healthy");
        assertThat(lb.at("/depends_on/app2/condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void everyVariableIsDocumentedInTheEnvExample() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(Files.readString(COMPOSE));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        String example = Files.readString(ENV);
        assertThat(envExample().keySet()).as("documented in docker/.env.example").containsExactlyInAnyOrderElementsOf(used);
        for (String variable : used) {
            // each one has a comment line right above it saying what it is
            assertThat(example).as(variable).containsPattern("# [^\\n]+\\n" + variable + "=");
        }
    }

    @Test
    void theLoadBalancerSpreadsTheApiAndKeepsABrowserOnOneNode() throws IOException {
        String nginx = Files.readString(ROOT.resolve("docker/nginx.conf"));
        assertThat(nginx).contains("upstream qifu_round_robin").contains("upstream qifu_by_client")
                .contains("ip_hash;").contains("server app1:8080").contains("server app2:8080")
                .contains("location /api/").contains("location /engine-rest/").contains("proxy_pass http://qifu_round_robin;")
                .contains("\"~JSESSIONID=\"  qifu_by_client;");
        assertThat(nginx).as("a POST is never sent to a second node").doesNotContain("non_idempotent");
    }

    /** The Dockerfile copies what the build needs and picks up the jar this pom makes, for the Java it targets. */
    @Test
    void theDockerfileBuildsThisApplication() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        List<String> copied = new ArrayList<>();
        while (copies.find()) {
            copied.add(copies.group(1));
        }
        assertThat(copied).containsExactly("pom.xml", "processes", "forms", "src");
        copied.forEach(path -> assertThat(ROOT.resolve(path)).exists());

        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String artifact = tag(pom, "artifactId", pom.indexOf("</parent>"));
        assertThat(dockerfile).contains("COPY --from=build /src/target/" + artifact + "-*.jar /app/qifu.jar");
        assertThat(pom).contains("<qifu.build.directory>${project.basedir}/target</qifu.build.directory>");
        String java = tag(pom, "java.version", 0);
        assertThat(dockerfile).contains("FROM maven:3.9-eclipse-temurin-" + java + " AS build")
                .contains("FROM eclipse-temurin:" + java + "-jre");
        assertThat(dockerfile).contains("EXPOSE 8080").contains("-jar\", \"/app/qifu.jar\"");
        assertThat(Files.readString(ROOT.resolve("src/main/resources/application.yml"))).contains("port: 8080")
                .containsPattern("include: [^\\n]*health");
    }

    private static String tag(String xml, String name, int from) {
        int start = xml.indexOf("<" + name + ">", from) + name.length() + 2;
        return xml.substring(start, xml.indexOf("</" + name + ">", start));
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return values;
    }

    /** {@code docker compose} (the v2 plugin) when it answers, else Debian's {@code docker-compose}. */
    private static List<String> composeCommand() {
        if (succeeds(List.of("docker", "compose", "version"))) {
            return List.of("docker", "compose");
        }
        if (succeeds(List.of("docker-compose", "version"))) {
            return List.of("docker-compose");
        }
        return fail("neither 'docker compose' nor 'docker-compose' is installed: on Debian, "
                + "apt-get install docker-compose (.ci/run installs it when both are missing)");
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("compose", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(errors)).isZero();
            return output;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
