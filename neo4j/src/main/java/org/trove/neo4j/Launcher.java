package org.trove.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community in this JVM with only the Bolt connector open, on loopback by default.
 *
 * <p>Configured from the environment so the Node side (neo4j/launcher.ts) owns all defaults in one
 * place. Prints exactly one machine-readable line, {@code TROVE_NEO4J_READY bolt://host:port}, once
 * the database accepts transactions; everything else Neo4j says goes to its own log files.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path home = Path.of(env.getOrDefault("TROVE_NEO4J_HOME", ".data/neo4j")).toAbsolutePath();
    String host = env.getOrDefault("TROVE_NEO4J_HOST", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("TROVE_NEO4J_PORT", "7687"));
    long pageCacheMiB = Long.parseLong(env.getOrDefault("TROVE_NEO4J_PAGECACHE_MB", "128"));
    long txTimeoutMs = Long.parseLong(env.getOrDefault("TROVE_NEO4J_TX_TIMEOUT_MS", "30000"));
    long txMemoryMiB = Long.parseLong(env.getOrDefault("TROVE_NEO4J_TX_MEMORY_MB", "256"));
    // The password comes down stdin, so it is in neither our environment nor our command line,
    // which other processes of the user (and a file URL to /proc/self/environ) could read.
    String password = readLine(System.in);
    if (password.isEmpty()) {
      throw new IllegalArgumentException("no password on stdin: authentication is always on");
    }

    Files.createDirectories(home);
    Path logs = home.resolve("logs");
    Files.createDirectories(logs);
    // LOAD CSV with file URLs is refused outright; the import directory is still named (and kept
    // empty) so that turning file URLs back on could never reach beyond it.
    Path importDir = home.resolve("import");
    Files.createDirectories(importDir);
    // Neo4j's internal loggers write to System.out/err when no log config is found; keep the
    // launcher's stdout for the ready line only, so anything stray goes to the log file instead.
    PrintStream console = System.out;
    PrintStream logFile = new PrintStream(Files.newOutputStream(logs.resolve("launcher.log"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
    System.setOut(logFile);
    System.setErr(logFile);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.allow_file_urls, false)
        .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMillis(txTimeoutMs))
        // One query that collects or sorts too much is stopped with a MemoryPoolOutOfMemoryError
        // instead of taking the heap, and the database, down with it.
        .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMemoryMiB))
        .setConfig(GraphDatabaseSettings.logs_directory, logs)
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Bolt waits 5 s for idle worker threads at shutdown by default; our clients close their
        // drivers before stopping us, so that wait only slows every stop and restart.
        .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
        .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        dbms.shutdown();
      } finally {
        logFile.println("neo4j stopped");
        stopped.countDown();
      }
    }, "trove-neo4j-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    try {
      // Before the ready line, so no client can reach Bolt while the built-in user still has its
      // default password.
      setPassword(dbms, password);
      db.executeTransactionally("RETURN 1");
    } catch (RuntimeException e) {
      // Without this the database's own threads keep the JVM alive with no ready line, and the
      // launcher waits out its whole timeout; exiting runs the shutdown hook and names the cause.
      e.printStackTrace();
      System.exit(1);
    }

    int boundPort = ((GraphDatabaseAPI) db).getDependencyResolver()
        .resolveDependency(ConnectorPortRegister.class)
        .getLocalAddress(ConnectorType.BOLT)
        .getPort();
    console.println("TROVE_NEO4J_READY bolt://" + host + ":" + boundPort);
    console.flush();

    if ("1".equals(env.get("TROVE_NEO4J_EXIT_WITH_PARENT"))) {
      exitWhenStdinCloses();
    }
    // The shutdown hook does the work; the main thread only keeps the JVM alive until then.
    stopped.await();
  }

  /**
   * The Node process that started us keeps our stdin open for its whole life. When it dies, even by
   * SIGKILL, the pipe closes: exiting then (through the shutdown hook) means no orphaned JVM keeps
   * the store locked.
   */
  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Nothing is ever sent; we only wait for end of stream.
        }
      } catch (IOException ignored) {
        // A broken pipe means the parent is gone, same as end of stream.
      }
      System.exit(0);
    }, "trove-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** One line from the stream, byte by byte, so nothing past it is buffered away from the watcher. */
  private static String readLine(java.io.InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return line.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
  }

  private static void setPassword(DatabaseManagementService dbms, String password) throws IOException {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (org.neo4j.graphdb.QueryExecutionException e) {
      // Every start after the first: the store already has this password, which is what we want.
      if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
        throw e;
      }
    }
  }
}
