package dev.pmpulse.producer;

import dev.pmpulse.events.ProducerCheckpoint;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer thread: it advances the {@link Workload} along the simulated clock (the backfill as
 * fast as Kafka takes it, then live) and sends its records with the simulated time as the record
 * timestamp, in Kafka transactions. Each transaction ends with a {@link ProducerCheckpoint} on
 * {@link Topics#PRODUCER_PROGRESS}: the simulated instant reached, the events so far and the
 * scenario switches so far, keyed by the run's id.
 *
 * <p>At start it fences an earlier instance of the run (Kafka aborts that one's open transaction),
 * reads the run's last checkpoint and, if there is one, rewinds to it: it regenerates the workload
 * up to the checkpoint without sending and goes on from there. A transaction Kafka fails is aborted
 * and rewound to the last checkpoint the same way. Read with {@code read_committed}, every event is
 * on the topics exactly once.
 */
final class TransactionalPump {
  private static final Logger log = LoggerFactory.getLogger(TransactionalPump.class);
  /** The longest the pump sleeps, so the simulated-time gauge moves smoothly while idle. */
  private static final Duration MAX_WAIT = Duration.ofMillis(100);
  private static final Duration MIN_WAIT = Duration.ofMillis(5);
  /** Backfill goes in steps of this much simulated time, so a stop interrupts it promptly. */
  private static final Duration BACKFILL_STEP = Duration.ofHours(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration LET_BATCH_FINISH = Duration.ofSeconds(2);
  /**
   * How often the open transaction is committed (wall time): consumers reading committed data see
   * events at most about this much later.
   */
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(250);

  /** Where a run got to: its latest committed checkpoint, if it has one. */
  @FunctionalInterface
  interface Progress {
    Optional<ProducerCheckpoint> latest(Properties kafka, String run);
  }

  private final ProducerSettings settings;
  private final SimulatedClock clock;
  private final Progress progress;
  private final ScenarioSwitches switches;
  private final ProducerMetrics metrics;
  private final String runId;
  private final CountDownLatch stop = new CountDownLatch(1);
  private Producer<String, Object> producer;
  private volatile Thread thread;
  // The pump thread's own: the workload and what the open transaction holds beyond the last checkpoint.
  private Workload workload;
  private ProducerCheckpoint committed;
  private long eventsInRun;
  private long uncommittedEvents;
  private boolean uncommittedSwitch;
  private long lastCommitNanos;
  private volatile Instant frontier;
  private volatile Instant committedUpTo;
  private volatile Instant resumedFrom;
  private volatile Throwable failure;
  /** Paused, with every event sent in a committed transaction: {@link #pausedAndCommitted()}. */
  private volatile boolean quiet;

  TransactionalPump(
      ProducerSettings settings, SimulatedClock clock, Progress progress, ScenarioSwitches switches, ProducerMetrics metrics) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
    this.switches = switches;
    this.metrics = metrics;
    this.runId = settings.runId();
    this.workload = newWorkload();
    this.frontier = clock.origin();
    this.committedUpTo = clock.origin();
  }

  /** Starts the pump's thread, which sends with {@code producer} (transactional, with the run's id). */
  void start(Producer<String, Object> producer) {
    this.producer = producer;
    Thread t = new Thread(this::run, "pmpulse-producer");
    thread = t;
    t.start();
  }

  /** The simulated instant up to which every event has been handed to Kafka. */
  Instant frontier() {
    return frontier;
  }

  /** The simulated instant up to which every event is in a committed transaction. */
  Instant committedUpTo() {
    return committedUpTo;
  }

  /** Where this run went on from its previous one's last checkpoint, or null when it started afresh. */
  Instant resumedFrom() {
    return resumedFrom;
  }

  /**
   * Whether the clock is paused and everything sent so far is committed: a consumer that has read
   * up to the last stable offsets has then seen every event of the run.
   */
  boolean pausedAndCommitted() {
    return quiet && clock.isPaused();
  }

  /** Why the pump stopped on its own, or null. */
  Throwable failure() {
    return failure;
  }

  boolean isRunning() {
    Thread t = thread;
    return t != null && t.isAlive() && failure == null;
  }

  /** Blocks until the pump's thread ends: after {@link #close()} or a failure. */
  void awaitTermination() throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join();
    }
  }

  /** Stops the pump, committing what it has sent if Kafka lets it, and closes the Kafka producer. */
  void close() throws InterruptedException {
    stop.countDown();
    Thread t = thread;
    if (t != null) {
      // Usually quick: the pump wakes on the stop signal and commits what it has sent.
      t.join(LET_BATCH_FINISH.toMillis());
    }
    if (producer != null) {
      // Also wakes a send() blocked on metadata, so the join below finishes.
      producer.close(CLOSE_TIMEOUT);
    }
    if (t != null) {
      // Waiting on Kafka for its transactions (initTransactions) is not woken by close(), but by an interrupt.
      t.interrupt();
      t.join(CLOSE_TIMEOUT.toMillis());
    }
  }

  private Workload newWorkload() {
    return new Workload(TeamRoster.forTeams(settings.teams().teams()), settings.seed(), settings.rateMultiplier(),
        settings.effectiveSamplesPerMinute(), clock.origin(), clock.start());
  }

  private void run() {
    try {
      producer.initTransactions(); // fences a previous instance of this run and aborts its open transaction
      Optional<ProducerCheckpoint> resume = progress.latest(settings.kafka(), runId);
      if (resume.isPresent()) {
        rewindTo(resume.get());
        resumedFrom = frontier;
        log.info("Resuming run {} from simulated {} ({} events already on the topics)", runId, frontier, eventsInRun);
      }
      producer.beginTransaction();
      lastCommitNanos = System.nanoTime();
      if (frontier.isBefore(clock.start())) {
        log.info("Backfilling {} simulated days, {} to {}", clock.backfillDays(), frontier, clock.start());
        while (frontier.isBefore(clock.start()) && !stopping()) {
          if (clock.isPaused()) {
            waitPaused();
          } else {
            quiet = false;
            step(min(frontier.plus(BACKFILL_STEP), clock.start()));
          }
        }
        commit();
        if (stopping()) {
          return;
        }
        log.info("Backfill done: {} events; live from {}", eventsInRun, clock.start());
      }
      clock.goLiveAt(max(frontier, clock.start()));
      if (switches.noneApplied() && !frontier.isAfter(clock.start()) && settings.scenario() != Scenario.STEADY) {
        switches.applyAtStart(workload, settings.scenario());
        uncommittedSwitch = true;
      }
      while (!stopping()) {
        step(clock.now());
        quiet = clock.isPaused() && uncommittedEvents == 0 && !uncommittedSwitch;
        Duration wait = clock.wallTimeFor(Duration.between(frontier, workload.nextDue()));
        // At least MIN_WAIT: with thousands of samples a wall second, send them in batches, not one by one.
        stop.await(Math.max(MIN_WAIT.toNanos(), Math.min(wait.toNanos(), MAX_WAIT.toNanos())), TimeUnit.NANOSECONDS);
      }
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping()) {
        failure = e;
        log.error("Producer stopped: {}", e.toString(), e);
      }
    }
  }

  /**
   * Sends everything up to {@code to} and commits when the interval is up. A transaction Kafka
   * fails is aborted and the workload rewound to the last checkpoint, to be sent again.
   */
  private void step(Instant to) {
    try {
      if (switches.applyRequested(workload)) {
        uncommittedSwitch = true;
      }
      workload.advanceTo(to, this::send);
      frontier = max(frontier, to);
      if (System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
        commit();
      }
    } catch (ProducerFencedException | InvalidProducerEpochException | AuthenticationException
        | AuthorizationException | UnsupportedVersionException fatal) {
      throw fatal;
    } catch (KafkaException e) {
      if (stopping()) {
        throw e;
      }
      log.warn("Transaction failed, sending again from the last checkpoint (simulated {}): {}",
          committed == null ? clock.origin() : committed.upTo(), e.toString());
      producer.abortTransaction();
      if (committed == null) {
        rewindTo(new ProducerCheckpoint(ProducerCheckpoint.VERSION, runId, clock.origin(), 0, List.of()));
      } else {
        rewindTo(committed);
      }
      producer.beginTransaction();
    }
  }

  /** Paused during the backfill: commits what is sent once the interval is up, then waits a little. */
  private void waitPaused() throws InterruptedException {
    if (System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
      commit();
    }
    quiet = uncommittedEvents == 0 && !uncommittedSwitch;
    stop.await(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Commits the open transaction with a checkpoint of what it holds, and opens the next one. */
  private void commit() {
    lastCommitNanos = System.nanoTime();
    if (uncommittedEvents == 0 && !uncommittedSwitch) {
      return;
    }
    ProducerCheckpoint checkpoint =
        new ProducerCheckpoint(ProducerCheckpoint.VERSION, runId, frontier, eventsInRun, switches.history());
    producer.send(
        new ProducerRecord<>(Topics.PRODUCER_PROGRESS.name(), null, frontier.toEpochMilli(), runId, checkpoint));
    producer.commitTransaction();
    committed = checkpoint;
    committedUpTo = checkpoint.upTo();
    uncommittedEvents = 0;
    uncommittedSwitch = false;
    producer.beginTransaction();
  }

  /**
   * Regenerates the run up to {@code checkpoint} without sending anything: a fresh workload, the
   * same switches at the same instants, advanced to the checkpoint's instant.
   */
  private void rewindTo(ProducerCheckpoint checkpoint) {
    Workload fresh = newWorkload();
    long events = ScenarioSwitches.replay(fresh, checkpoint.switches(), checkpoint.upTo());
    if (events != checkpoint.events()) {
      throw new IllegalStateException(
          "run " + runId + ": the checkpoint counts " + checkpoint.events() + " events up to " + checkpoint.upTo()
              + " but regenerating gives " + events + " (another version of the producer?)");
    }
    workload = fresh;
    switches.restore(checkpoint.switches(), fresh);
    eventsInRun = events;
    uncommittedEvents = 0;
    uncommittedSwitch = false;
    committed = checkpoint;
    committedUpTo = checkpoint.upTo();
    frontier = checkpoint.upTo();
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  private void send(Emission<?> emission) {
    ProducerRecord<String, Object> record =
        new ProducerRecord<>(
            emission.topic().name(), null, emission.at().toEpochMilli(), emission.key(), emission.value());
    eventsInRun++;
    uncommittedEvents++;
    producer.send(record, metrics.acknowledgementOf(emission));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
