package dev.pmpulse.labs.punctuation;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Lab 5, punctuation (docs/labs/05-punctuation.md). Check: {@code ./labs/check 5}.
 *
 * <p>Reports a PR whose review has been waiting longer than {@link #TARGET} as soon as that is
 * true, not only once its review arrives: keyed by PR, value the instant its wait began.
 */
public final class OverdueReviews implements Processor<String, PrEvent, String, String> {
  public static final String OVERDUE = "lab5.overdue-reviews";
  public static final Duration TARGET = Duration.ofHours(4);
  /** How often the waiting PRs are looked at. */
  public static final Duration SCAN_EVERY = Duration.ofMinutes(1);
  static final String WAITING = "waiting-since";

  /**
   * Your answer: with a {@link #SCAN_EVERY} stream-time punctuation scheduled, a task's stream time
   * jumps by three hours at once (the next record is three hours later than the last). How many
   * times does the punctuation run for that jump? -1: not answered yet.
   */
  public static final int RUNS_WHEN_STREAM_TIME_JUMPS_THREE_HOURS = 1;

  private ProcessorContext<String, String> context;
  private KeyValueStore<String, Long> waiting;

  /** The wiring: source, this processor with its store, sink. Nothing to change here. */
  public static Topology topology() {
    Topology topology = new Topology();
    topology.addSource("pr-events", Topics.PR_EVENTS.keySerde().deserializer(), Topics.PR_EVENTS.valueSerde().deserializer(),
        Topics.PR_EVENTS.name());
    topology.addProcessor("overdue", OverdueReviews::new, "pr-events");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WAITING), Serdes.String(), Serdes.Long()), "overdue");
    topology.addSink("overdue-reviews", OVERDUE, Serdes.String().serializer(), Serdes.String().serializer(), "overdue");
    return topology;
  }

  /** A review request starts the wait; a review ends it. Nothing to change here. */
  @Override
  public void process(Record<String, PrEvent> record) {
    PrEvent event = record.value();
    if (event.type() == PrEvent.Type.REVIEW_REQUESTED && waiting.get(record.key()) == null) {
      waiting.put(record.key(), event.at().toEpochMilli());
    } else if (event.type() == PrEvent.Type.REVIEW_SUBMITTED) {
      waiting.delete(record.key());
    }
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.waiting = context.getStateStore(WAITING);
    // Stream time: the largest event time this task has seen. It moves only when records arrive,
    // so the answer is the same in a test, in the demo and on a replay; a wall-clock punctuation
    // would follow the machine's clock instead, which has nothing to do with the events' time.
    context.schedule(SCAN_EVERY, PunctuationType.STREAM_TIME, this::reportOverdue);
  }

  /**
   * Forwards every PR waiting longer than {@link #TARGET} at {@code now}, once: key the PR, value
   * the instant its wait began ({@code Instant.toString()}).
   */
  private void reportOverdue(long now) {
    try (KeyValueIterator<String, Long> all = waiting.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> pr = all.next();
        if (now - pr.value > TARGET.toMillis()) {
          context.forward(new Record<>(pr.key, Instant.ofEpochMilli(pr.value).toString(), now));
          // Reported once: it leaves the store (a review arriving later finds nothing to delete).
          waiting.delete(pr.key);
        }
      }
    }
  }
}
