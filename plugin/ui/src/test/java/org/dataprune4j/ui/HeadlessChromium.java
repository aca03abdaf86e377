package org.dataprune4j.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through the Chrome DevTools protocol (a WebSocket, JDK only): open a page,
 * evaluate JavaScript in it, wait for a condition, take a screenshot. Install the browser with
 * {@code apt-get install chromium} (CI does; {@code .ci/run}); tests skip with that instruction when it is missing.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** What a skipped browser test says. */
    public static final String MISSING = "Chromium is not installed: the browser test needs Debian's chromium"
            + " (apt-get install -y chromium chromium-driver; .ci/run installs it), or CHROMIUM=/path/to/chrome";

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, URI pageSocket) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(pageSocket, new Receiver())
                .get(30, TimeUnit.SECONDS);
    }

    /** The Chromium executable: $CHROMIUM, else Debian's /usr/bin/chromium; empty if neither exists. */
    public static Optional<Path> find() {
        String env = System.getenv("CHROMIUM");
        return Stream.of(env, "/usr/bin/chromium", "/usr/bin/chromium-browser").filter(s -> s != null && !s.isBlank())
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts Chromium headless with a fresh profile and a window of {@code width} x {@code height}. */
    public static HeadlessChromium start(Path executable, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("dataprune4j-chromium");
        // flags as this machine's probe found needed: no sandbox as root, no background connections to the closed
        // network (they are refused many at a time), no GPU
        Process p = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) {
                        endpoint.complete(line.substring(at).trim());
                    }
                }
                endpoint.completeExceptionally(new IOException("Chromium exited before it listened"));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI browser = URI.create(endpoint.get(60, TimeUnit.SECONDS));
            URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonArray targets = new JsonArray(body);
            for (int i = 0; i < targets.size(); i++) {
                JsonObject t = targets.getJsonObject(i);
                if ("page".equals(t.getString("type"))) {
                    return new HeadlessChromium(p, profile, URI.create(t.getString("webSocketDebuggerUrl")));
                }
            }
            throw new IOException("Chromium has no page target: " + body);
        } catch (Exception e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public JsonObject send(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true)
                .get(30, TimeUnit.SECONDS);
        JsonObject message = reply.get(60, TimeUnit.SECONDS);
        if (message.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + message.getJsonObject("error"));
        }
        return message.getJsonObject("result");
    }

    /** Opens {@code url} and waits until the document has loaded. */
    public void open(String url) throws Exception {
        send("Page.navigate", new JsonObject().put("url", url));
        waitUntil("document.readyState === 'complete' && location.href === '" + url + "'", Duration.ofSeconds(30));
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value. */
    public Object eval(String expression) throws Exception {
        JsonObject r = send("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + expression + ": " + r.getJsonObject(
                    "exceptionDetails"));
        }
        return r.getJsonObject("result").getValue("value");
    }

    /** Waits until {@code condition} (JavaScript) is true in the page, polling every 100 ms. */
    public void waitUntil(String condition, Duration timeout) throws Exception {
        waitFor(() -> Boolean.TRUE.equals(eval("!!(" + condition + ")")), condition, timeout);
    }

    private static void waitFor(CheckedCondition condition, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A PNG of the whole page. */
    public byte[] screenshot() throws Exception {
        JsonObject r = send("Page.captureScreenshot", new JsonObject().put("format", "png")
                .put("captureBeyondViewport", true));
        return Base64.getDecoder().decode(r.getString("data"));
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is harmless; Chromium's helper processes can still add or remove files
            // in it after the browser has exited (a file vanishing mid-walk failed PruningUiIT in a fresh-clone run)
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    /** Assembles text frames into messages and completes the command each answers; events are ignored. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = new JsonObject(partial.toString());
                partial.setLength(0);
                Integer id = message.getInteger("id");
                if (id != null) {
                    CompletableFuture<JsonObject> reply = pending.remove(id);
                    if (reply != null) {
                        reply.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
