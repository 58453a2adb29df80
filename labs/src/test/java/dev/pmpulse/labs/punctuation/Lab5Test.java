package dev.pmpulse.labs.punctuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.labs.LabDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Lab 5: punctuation. */
class Lab5Test {
  private static final Instant DAY = Instant.parse("2026-11-16T00:00:00Z");

  @Test
  void aWaitingPrIsReportedOnceStreamTimePassesItsTarget() {
    try (TopologyTestDriver driver = LabDriver.of(OverdueReviews.topology())) {
      TestInputTopic<String, PrEvent> in = driver.createInputTopic(
          Topics.PR_EVENTS.name(), Topics.PR_EVENTS.keySerde().serializer(), Topics.PR_EVENTS.valueSerde().serializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic(OverdueReviews.OVERDUE, Serdes.String().deserializer(), Serdes.String().deserializer());
      pipe(driver, in, event(1, PrEvent.Type.REVIEW_REQUESTED, "09:00"));
      pipe(driver, in, event(2, PrEvent.Type.REVIEW_REQUESTED, "10:00"));
      pipe(driver, in, event(2, PrEvent.Type.REVIEW_SUBMITTED, "11:00"));
      pipe(driver, in, event(3, PrEvent.Type.OPENED, "12:59"));
      assertThat(out.readKeyValuesToList())
          .as("reported while stream time is 12:59: nothing yet, acme/streams#1 has waited 3 h 59 min")
          .isEmpty();

      try {
        driver.advanceWallClockTime(Duration.ofHours(5));
      } catch (RuntimeException e) {
        fail("your punctuation ran when the machine's clock moved 5 hours on, while no event arrived (%s). The wait "
            + "is measured in event time: schedule the punctuation on PunctuationType.STREAM_TIME", e.getMessage());
      }
      assertThat(out.readKeyValuesToList())
          .as("reported after the machine's clock moved 5 hours on while stream time stayed at 12:59. A PR is overdue "
              + "by event time: schedule the punctuation on PunctuationType.STREAM_TIME, not WALL_CLOCK_TIME")
          .isEmpty();

      pipe(driver, in, event(4, PrEvent.Type.OPENED, "13:01"));
      assertThat(out.readKeyValuesToList())
          .as("reported once stream time reached 13:01: acme/streams#1, waiting since 09:00, more than 4 h; "
              + "acme/streams#2 got its review. If this is empty, your punctuation did not run as stream time passed "
              + "13:00: is it scheduled on PunctuationType.STREAM_TIME?")
          .containsExactly(KeyValue.pair("acme/streams#1", at("09:00").toString()));

      pipe(driver, in, event(5, PrEvent.Type.OPENED, "15:00"));
      assertThat(out.readKeyValuesToList())
          .as("reported at 15:00: nothing new. acme/streams#1 was reported already: report a PR once")
          .isEmpty();
    }
  }

  @Test
  void theAnswerIsWhatKafkaStreamsDoes() {
    AtomicInteger runs = new AtomicInteger();
    Topology topology = new Topology();
    topology.addSource("in", Topics.PR_EVENTS.keySerde().deserializer(), Topics.PR_EVENTS.valueSerde().deserializer(),
        Topics.PR_EVENTS.name());
    topology.addProcessor("counting", () -> new Processor<String, PrEvent, Void, Void>() {
      @Override
      public void init(ProcessorContext<Void, Void> context) {
        context.schedule(OverdueReviews.SCAN_EVERY, PunctuationType.STREAM_TIME, now -> runs.incrementAndGet());
      }

      @Override
      public void process(Record<String, PrEvent> record) {}
    }, "in");
    int measured;
    try (TopologyTestDriver driver = LabDriver.of(topology)) {
      var in = driver.createInputTopic(
          Topics.PR_EVENTS.name(), Topics.PR_EVENTS.keySerde().serializer(), Topics.PR_EVENTS.valueSerde().serializer());
      pipe(driver, in, event(1, PrEvent.Type.OPENED, "09:00"));
      int before = runs.get();
      pipe(driver, in, event(1, PrEvent.Type.REVIEW_REQUESTED, "12:00"));
      measured = runs.get() - before;
    }
    assertThat(OverdueReviews.RUNS_WHEN_STREAM_TIME_JUMPS_THREE_HOURS)
        .as("RUNS_WHEN_STREAM_TIME_JUMPS_THREE_HOURS: not what Kafka Streams does. Try it: step 5 of the lab shows how "
            + "to watch it")
        .isEqualTo(measured);
  }

  private static void pipe(TopologyTestDriver driver, TestInputTopic<String, PrEvent> in, PrEvent event) {
    in.pipeInput(event.key(), event, event.at());
  }

  private static PrEvent event(int number, PrEvent.Type type, String time) {
    String actor = type == PrEvent.Type.REVIEW_SUBMITTED ? "ben" : "ana";
    List<String> reviewers = type == PrEvent.Type.REVIEW_REQUESTED ? List.of("ben") : List.of();
    PrEvent.ReviewState state = type == PrEvent.Type.REVIEW_SUBMITTED ? PrEvent.ReviewState.APPROVED : null;
    return new PrEvent(PrEvent.VERSION, number + "-" + type, type, "acme/streams", number, "streams", "ana", actor,
        reviewers, List.of(), state, List.of(), at(time));
  }

  private static Instant at(String time) {
    return Instant.parse(DAY.toString().substring(0, 11) + time + ":00Z");
  }
}
