package cn.qifu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A real HTTP client on loopback (HTTP/1.1, keep-alive), as a channel, Tasklist or a script calls the application. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Map<String, String> AUTH = new ConcurrentHashMap<>();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public JsonNode get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path);
    }

    public JsonNode post(String user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)), path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode put(String user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)), path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String user, HttpRequest.Builder request, String path) {
        if (user != null) {
            request.header("Authorization", AUTH.computeIfAbsent(user, u -> "Basic "
                    + Base64.getEncoder().encodeToString((u + ":demo").getBytes(StandardCharsets.UTF_8))));
        }
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(120));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " as " + user + ": HTTP " + response.statusCode() + " " + response.body());
            }
            String body = response.body();
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
