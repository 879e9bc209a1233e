package cn.qifu.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A department system outside the application nodes, on a loopback port, speaking the adapter's contract
 * ({@code POST <base>/items} with an Idempotency-Key, {@code GET <base>/items/<reference>}). Unlike the simulator
 * inside a node it outlives the nodes and sees them all: each node is configured with its own base URL
 * {@code http://127.0.0.1:<port>/<node>/<code>}, so every call says which node made it. It can be told to be down
 * (503, nothing registered), to hold its answer (the item is registered, the answer waits: a node dying mid-call),
 * and to answer ACCEPTED a number of times before DONE.
 */
final class LoopbackDepartment implements AutoCloseable {

    /** One item as the department holds it, with every call that named its key. */
    static final class Item {
        final String key;
        final String reference;
        final String itemCode;
        final List<String> submittedBy = new ArrayList<>();
        int pendingQueries;
        int queries;
        String status;

        Item(String key, String reference, String itemCode, int pendingQueries) {
            this.key = key;
            this.reference = reference;
            this.itemCode = itemCode;
            this.pendingQueries = pendingQueries;
            this.status = pendingQueries > 0 ? "ACCEPTED" : "DONE";
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final List<String> inFlight = new ArrayList<>();
    private boolean down;
    private CountDownLatch hold;
    private int pendingQueries;
    private int calls;

    private LoopbackDepartment(HttpServer server) {
        this.server = server;
    }

    static LoopbackDepartment start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            LoopbackDepartment department = new LoopbackDepartment(server);
            server.createContext("/", department::handle);
            server.setExecutor(department.threads);
            server.start();
            return department;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL a node is given: {@code {code}} is filled in by the application. */
    String baseUrlFor(String node) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + node + "/{code}";
    }

    synchronized void down(boolean down) {
        this.down = down;
    }

    /** From now on, a new item is registered but its answer waits until {@link #release()}. */
    synchronized void hold() {
        hold = new CountDownLatch(1);
    }

    synchronized void release() {
        if (hold != null) {
            hold.countDown();
            hold = null;
        }
    }

    /** New items answer ACCEPTED to that many queries before they are DONE. */
    synchronized void pendingQueries(int count) {
        pendingQueries = count;
    }

    /** The department finishes every item it still has in hand: the next query answers DONE. */
    synchronized void finishAll() {
        for (Item item : items.values()) {
            if (item.pendingQueries > 0) {
                item.pendingQueries = 1;
            }
        }
    }

    /** The nodes whose calls are waiting for an answer (held). */
    synchronized List<String> inFlight() {
        return List.copyOf(inFlight);
    }

    synchronized List<Item> items() {
        return List.copyOf(items.values());
    }

    synchronized int calls() {
        return calls;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /<node>/<code>/items[/<reference>]
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length < 4 || !"items".equals(path[3])) {
                answer(exchange, 404, "{\"error\":\"no such resource\"}");
                return;
            }
            String node = path[1];
            String code = path[2];
            CountDownLatch waitFor = null;
            Item item;
            synchronized (this) {
                calls++;
                if (down) {
                    answer(exchange, 503, "<html>维护中</html>");
                    return;
                }
                if ("POST".equals(exchange.getRequestMethod()) && path.length == 4) {
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    JsonNode body = NodeApi.JSON.readTree(exchange.getRequestBody());
                    item = items.get(key);
                    if (item == null) {
                        item = new Item(key, code.toUpperCase() + "-" + (items.size() + 1), body.path("itemCode").asText(),
                                pendingQueries);
                        items.put(key, item);
                        if (hold != null) {
                            waitFor = hold;
                            inFlight.add(node);
                        }
                    }
                    item.submittedBy.add(node);
                } else if ("GET".equals(exchange.getRequestMethod()) && path.length == 5) {
                    item = items.values().stream().filter(i -> i.reference.equals(path[4])).findFirst().orElse(null);
                    if (item == null) {
                        answer(exchange, 404, "{\"error\":\"no such item\"}");
                        return;
                    }
                    item.queries++;
                    if (item.pendingQueries > 0 && --item.pendingQueries == 0) {
                        item.status = "DONE";
                    }
                } else {
                    answer(exchange, 405, "{}");
                    return;
                }
            }
            if (waitFor != null) {
                try {
                    waitFor.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (this) {
                    inFlight.remove(node);
                }
            }
            String json;
            synchronized (this) {
                json = NodeApi.JSON.writeValueAsString(Map.of("reference", item.reference, "status", item.status,
                        "result", "测试部门：" + item.itemCode + " " + item.status));
            }
            answer(exchange, 200, json);
        } catch (IOException | RuntimeException e) {
            // the caller went away (a killed node): nothing to answer
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html; charset=UTF-8"
                : "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
