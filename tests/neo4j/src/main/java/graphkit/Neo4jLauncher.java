package graphkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community in-process with only a Bolt connector on 127.0.0.1.
 *
 * Why a launcher instead of the Neo4j distribution: Maven Central carries the
 * Community jars but not the server tarball, and this machine has no Docker.
 * Arguments: [port] (0 or absent = a free port), optionally --auth (authentication on,
 * with Neo4j's initial user neo4j / neo4j whose password must be changed before use: what
 * a fresh server looks like to a user who did not set one) and --exit-on-eof,
 * which shuts the server down when standard input reaches end of file, so a
 * parent that dies without stopping it (a killed test run) does not leave an
 * orphaned JVM behind. Data lives in a temporary directory removed on exit,
 * or with --home DIR in DIR, which is kept (a server restarted on it finds its
 * data again: what the fault-tolerance tests need).
 * Prints "NEO4J READY bolt://127.0.0.1:PORT" once Bolt accepts connections;
 * SIGTERM shuts it down cleanly.
 * Auth is disabled unless --auth: the server only listens on loopback and lives for one run.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean exitOnEof = false;
        boolean auth = false;
        String homeArg = null;
        StringBuilder settings = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--setting") && i + 1 < args.length) {
                settings.append(args[++i]).append('\n'); // name=value, as in neo4j.conf
            } else if (args[i].equals("--exit-on-eof")) {
                exitOnEof = true;
            } else if (args[i].equals("--auth")) {
                auth = true;
            } else if (args[i].equals("--home") && i + 1 < args.length) {
                homeArg = args[++i];
            } else {
                port = Integer.parseInt(args[i]);
            }
        }
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        }
        boolean keepHome = homeArg != null;
        Path home = keepHome
                ? Files.createDirectories(Path.of(homeArg))
                : Files.createTempDirectory("graphkit-neo4j-");
        // Settings without a public constant in the embedded API go through a conf file.
        Path conf = home.resolve("neo4j.conf");
        // nothing leaves the machine; then the caller's settings (a test's memory limit)
        Files.writeString(conf, "dbms.usage_report.enabled=false\n" + settings);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                .loadPropertiesFromFile(conf)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                if (!keepHome) {
                    deleteTree(home);
                }
                stopped.countDown();
            }
        }));
        if (exitOnEof) {
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // ignore input; only end of file matters
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the parent is gone, the same as end of file
                }
                System.exit(0); // runs the shutdown hook
            }, "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // waits until available
        System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is under the system temp folder
        }
    }
}
