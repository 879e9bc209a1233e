package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret is committed: configuration names passwords only through environment variables (the demo profile's
 * password demo is the one exception, and production refuses it), the docker example holds placeholders the
 * application refuses to run with, and there are no private keys or key stores.
 */
class NoSecretsInRepositoryTest {

    /** A key that names a secret, and its value. */
    static final Pattern SECRET_ENTRY = Pattern.compile(
            "^\\s*-?\\s*([\\w.-]*(?:password|passwd|secret|token|credential|api-?key|private-?key)[\\w.-]*)\\s*[:=]\\s*(.*?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** Empty, or an environment variable without a default (${VAR}, ${VAR:}, ${VAR:?message}). */
    static final Pattern NO_LITERAL = Pattern.compile("|\"\"|''|\\$\\{\\w+(?::|:\\?[^}]*)?}");

    static List<Path> files(String... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : roots) {
            Path path = Path.of(root);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("node_modules") && !p.toString().startsWith("target"))
                        .forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void configurationNamesNoPasswordItself() throws IOException {
        List<String> literal = new ArrayList<>();
        List<Path> configuration = files("src/main/resources", "docker").stream()
                .filter(p -> p.toString().matches(".*\\.(ya?ml|properties)$"))
                .filter(p -> !p.getFileName().toString().equals("application-demo.yml"))
                .toList();
        assertThat(configuration).extracting(p -> p.getFileName().toString()).contains("application.yml", "compose.yaml");
        for (Path file : configuration) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceFirst("\\s+#.*$", "");
                Matcher entry = SECRET_ENTRY.matcher(line);
                if (!line.strip().startsWith("#") && entry.matches() && !NO_LITERAL.matcher(entry.group(2)).matches()) {
                    literal.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(literal).as("secrets written into configuration").isEmpty();
    }

    /** docker/.env.example is copied to .env: its passwords are placeholders, and the application will not take them. */
    @Test
    void theDockerExampleHoldsOnlyPlaceholders() throws IOException {
        Path example = Path.of("docker", ".env.example");
        assertThat(example).exists();
        List<String> secrets = new ArrayList<>();
        for (String line : Files.readAllLines(example, StandardCharsets.UTF_8)) {
            String[] pair = line.split("=", 2);
            if (line.startsWith("#") || pair.length < 2 || !pair[0].toUpperCase(Locale.ROOT).matches(".*(PASSWORD|SECRET).*")) {
                continue;
            }
            secrets.add(pair[0]);
            assertThat(pair[1]).as(pair[0]).startsWith("change-me");
            if (pair[0].equals("QIFU_ADMIN_PASSWORD")) {
                assertThat(ProductionPasswordGuard.weakness("admin", pair[1])).as("the application refuses it").isNotNull();
            }
        }
        assertThat(secrets).contains("QIFU_ADMIN_PASSWORD", "QIFU_DB_PASSWORD");
        assertThat(Files.readString(Path.of(".gitignore"))).as("the copy with real passwords stays out of git")
                .contains("docker/.env");
    }

    @Test
    void noPrivateKeyOrKeyStore() throws IOException {
        Set<String> keyStores = Set.of("jks", "p12", "pfx", "pem", "key", "keystore", "der");
        List<String> found = new ArrayList<>();
        for (Path file : files("src", "processes", "forms", "docker", ".ci")) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            if (keyStores.contains(extension)) {
                found.add(file.toString());
            } else if (Files.size(file) < 2_000_000) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*") || text.matches("(?s).*\\bAKIA[0-9A-Z]{16}\\b.*")) {
                    found.add(file.toString());
                }
            }
        }
        assertThat(found).as("private keys in the repository").isEmpty();
    }
}
