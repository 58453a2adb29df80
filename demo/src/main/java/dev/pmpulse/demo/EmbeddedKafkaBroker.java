package dev.pmpulse.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running inside
 * this JVM, with its data in a fresh temporary directory that {@link #close()} deletes.
 *
 * <p>It is what {@code bin/kafka-storage.sh format} followed by {@code bin/kafka-server-start.sh}
 * does, minus the scripts: the demo and the end-to-end tests need a broker and nothing else.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  public static final int DEFAULT_PORT = 9092;
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int port;
  private final int controllerPort;
  private Path dataDir;
  private KafkaRaftServer server;
  private Duration initialRebalanceDelay = Duration.ZERO;

  /** @param port the PLAINTEXT port on 127.0.0.1; 0 picks a free one */
  public EmbeddedKafkaBroker(int port) {
    this.port = port == 0 ? FreePort.pick() : port;
    this.controllerPort = FreePort.pick();
  }

  /**
   * How long a group's first rebalance waits for more members ({@code
   * group.initial.rebalance.delay.ms}; 0 unless set here, before {@link #start}). The benchmark
   * sets it so that an app's stream threads, which join a moment apart, get their tasks in one
   * rebalance; otherwise the second thread's join waits for the first's next heartbeat (up to 3 s).
   */
  public EmbeddedKafkaBroker initialRebalanceDelay(Duration delay) {
    this.initialRebalanceDelay = delay;
    return this;
  }

  public int port() {
    return port;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The directory holding the broker's logs and metadata; null before {@link #start()}. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * The broker configuration. Everything that differs from Kafka's defaults is here because one
   * broker on a laptop is not a production cluster:
   *
   * <ul>
   *   <li>internal topics (consumer offsets, transaction state, share-group state) get replication
   *       factor 1 and min ISR 1 — with the defaults of 3 they cannot be created on one broker, and
   *       Kafka Streams' exactly_once_v2 needs the transaction state topic;
   *   <li>those internal topics get 1 partition instead of 50: one node gains nothing from 50, and
   *       each partition costs files and time when the topic is first created;
   *   <li>{@code log.cleaner.dedupe.buffer.size} is 2 MiB instead of 128 MiB: the buffer is
   *       allocated on the heap at start, and a demo's compacted topics are tiny;
   *   <li>{@code group.initial.rebalance.delay.ms=0} (or {@link #initialRebalanceDelay}): the 3 s
   *       default only helps when many members join at once;
   *   <li>{@code auto.create.topics.enable=false}: every topic comes from the registry in
   *       {@code events/}, so a misspelt name fails instead of silently creating a topic.
   * </ul>
   */
  Properties config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());

    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");

    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.put("group.initial.rebalance.delay.ms", Long.toString(initialRebalanceDelay.toMillis()));
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /** Formats a fresh data directory, starts the broker and returns once a client can use it. */
  public synchronized EmbeddedKafkaBroker start() throws IOException, InterruptedException {
    if (server != null || dataDir != null) {
      throw new IllegalStateException("already started");
    }
    dataDir = Files.createTempDirectory("pmpulse-kafka-");
    try {
      format(config());
      launch();
      return this;
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Stops the broker as a clean shutdown does, keeping its data directory and ports, so that
   * {@link #restart()} brings back the same broker with every topic, offset and transaction.
   */
  public synchronized void stop() {
    if (server == null) {
      throw new IllegalStateException("not running");
    }
    KafkaRaftServer stopping = server;
    server = null;
    stopping.shutdown();
    stopping.awaitShutdown();
  }

  /** Starts the broker stopped by {@link #stop()} again, on the same ports and data directory. */
  public synchronized EmbeddedKafkaBroker restart() throws InterruptedException {
    if (server != null || dataDir == null) {
      throw new IllegalStateException(server != null ? "already running" : "never started");
    }
    launch();
    return this;
  }

  private void launch() throws InterruptedException {
    KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(config()), Time.SYSTEM);
    server = raftServer;
    raftServer.startup();
    awaitReady();
  }

  private void format(Properties config) throws IOException {
    Path file = dataDir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      config.store(out, "PM Pulse embedded broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {"format", "--config", file.toString(), "--cluster-id", Uuid.randomUuid().toString()},
              print);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** Polls describeCluster until this broker is listed: it then accepts clients and admin calls. */
  private void awaitReady() throws InterruptedException {
    Map<String, Object> adminConfig =
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
            CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 50,
            CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        try {
          if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == NODE_ID)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(50); // between polls of a real condition, not instead of one
      }
    }
    throw new IllegalStateException(
        "broker on " + bootstrapServers() + " not ready within " + READY_TIMEOUT.toSeconds() + " s", last);
  }

  /** Stops the broker, waits for its threads to end, and deletes the data directory. */
  @Override
  public synchronized void close() {
    if (server != null) {
      KafkaRaftServer stopping = server;
      server = null;
      stopping.shutdown();
      stopping.awaitShutdown();
    }
    if (dataDir != null) {
      try {
        Utils.delete(dataDir.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + dataDir, e);
      }
    }
  }
}
