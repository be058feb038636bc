package vankien.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A Neo4j Community server with Bolt on 127.0.0.1, for vankien's tests and for development.
 *
 * <p>Settings (environment): NEO4J_PASSWORD (default: generated), NEO4J_SERVER_PORT (default: a free
 * port), NEO4J_SERVER_HOME (default: a temporary folder, deleted on exit), NEO4J_SERVER_PAGECACHE
 * (default 256m), NEO4J_SERVER_QUIET=1 (no Neo4j log on stderr).
 *
 * <p>When Bolt answers it prints one line on stdout:
 * {@code NEO4J_READY uri=bolt://127.0.0.1:PORT user=neo4j password=PASSWORD home=DIR}
 * then runs until its standard input closes (or EOF is typed), or it is killed.
 */
public final class Server {
    private Server() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String password = env.getOrDefault("NEO4J_PASSWORD", "");
        if (password.isEmpty()) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = "vk-" + HexFormat.of().formatHex(bytes);
        }
        if (password.length() < 8) {
            System.err.println("neo4j-server: NEO4J_PASSWORD must have at least 8 characters");
            System.exit(2);
        }
        int port = env.containsKey("NEO4J_SERVER_PORT") ? Integer.parseInt(env.get("NEO4J_SERVER_PORT")) : freePort();
        String given = env.getOrDefault("NEO4J_SERVER_HOME", "");
        boolean temporary = given.isEmpty();
        Path home = temporary ? Files.createTempDirectory("vankien-neo4j-") : Path.of(given).toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                           parseBytes(env.getOrDefault("NEO4J_SERVER_PAGECACHE", "256m")))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false");
        if ("1".equals(env.get("NEO4J_SERVER_QUIET"))) {
            builder.setUserLogProvider(org.neo4j.logging.NullLogProvider.getInstance());
        }
        DatabaseManagementService dbms = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } catch (Throwable ignored) {
                // shutting down anyway
            }
            if (temporary) {
                deleteTree(home);
            }
            stopped.countDown();
        }, "neo4j-server-shutdown"));

        // the initial user neo4j gets the password, with no change required
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        System.out.println("NEO4J_READY uri=bolt://127.0.0.1:" + port + " user=neo4j password=" + password
                + " home=" + home);
        System.out.flush();

        // run until stdin closes (the parent went away) or the process is killed
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // keep reading
                }
            } catch (IOException ignored) {
                // closed
            }
            System.exit(0);
        }, "neo4j-server-stdin");
        watcher.setDaemon(true);
        watcher.start();
        stopped.await();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static long parseBytes(String text) {
        String t = text.trim().toLowerCase();
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
