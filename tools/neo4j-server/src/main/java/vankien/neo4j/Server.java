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
 *
 * <p>With arguments, they are a {@code neo4j-admin} command (the word {@code neo4j-admin} first, as
 * {@code vankien export neo4j-csv} prints it in import-command.txt), run first on the server's home
 * with Neo4j's own admin tool (org.neo4j:neo4j-command-line, org.neo4j:neo4j-import-tool): e.g.
 * {@code neo4j-admin database import full neo4j --nodes=… --relationships=…} imports CSV files into a
 * fresh database. Its output goes to stderr; then one line on stdout,
 * {@code NEO4J_ADMIN exit=CODE seconds=S}, and (exit code 0) the server starts on that home as above,
 * unless NEO4J_SERVER_SERVE=0 (then the launcher exits with the command's exit code; give it
 * NEO4J_SERVER_HOME, or the temporary home is deleted with what was imported).
 */
public final class Server {
    private Server() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's own threads would keep the JVM alive after a failed start: exit (the hook stops it)
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (args.length > 0 && !"neo4j-admin".equals(args[0])) {
            System.err.println("usage: java -jar vankien-neo4j-server.jar [neo4j-admin COMMAND…]"
                    + "  (e.g. neo4j-admin database import full neo4j --nodes=… --relationships=…)");
            System.exit(2);
        }
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
        if (args.length > 0) {
            int code = admin(home, java.util.Arrays.copyOfRange(args, 1, args.length));
            boolean serve = code == 0 && !"0".equals(env.get("NEO4J_SERVER_SERVE"));
            if (!serve) {
                if (temporary) {
                    deleteTree(home);
                }
                System.exit(code);
            }
        }

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
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (org.neo4j.graphdb.QueryExecutionException e) {
            // a kept home (NEO4J_SERVER_HOME) started again with the password it already has
            if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
                throw e;
            }
        }
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

    /** A neo4j-admin command on {@code home} (its conf/ created empty when missing); returns its exit code. */
    private static int admin(Path home, String[] command) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        long started = System.nanoTime();
        int code = org.neo4j.cli.AdminTool.execute(
                new org.neo4j.cli.ExecutionContext(home, conf, System.err, System.err,
                        new org.neo4j.io.fs.DefaultFileSystemAbstraction()),
                command);
        System.out.printf(java.util.Locale.ROOT, "NEO4J_ADMIN exit=%d seconds=%.3f%n", code,
                (System.nanoTime() - started) / 1e9);
        System.out.flush();
        return code;
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
