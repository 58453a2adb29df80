package dev.pmpulse.benchmark;

import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end latency at a fixed input rate: a PR review that ends a PR's wait is handed to the
 * producer at t0; its KPI update (the team's review-latency record, whose 7-day count now includes
 * it) is read by a read_committed consumer at t1; the latency is t1 - t0. It therefore covers
 * producer batching, the intake, the per-PR tracker, the repartition by team (a second
 * exactly-once hop: its records are readable only once the first transaction commits), the team
 * aggregator, the output transaction's commit, and the consumer's fetch.
 */
final class LatencyProbe {
  record Result(
      int rate, double seconds, long eventsSent, double achievedRate, int reviewsSent, int matched, int anomalies,
      double[] sortedMillis) {
    double p(double percentile) {
      return LatencyMatcher.percentile(sortedMillis, percentile);
    }
  }

  private LatencyProbe() {}

  /**
   * @param events already generated, in send order; reviews with a {@code reviewTeam} are probes
   * @param warmup reviews sent before this much time has passed are not measured
   */
  static Result run(
      String bootstrapServers, List<BenchEvent> events, Set<String> probeTeams, int rate, Duration warmup, Duration drain)
      throws Exception {
    LatencyMatcher matcher = new LatencyMatcher();
    AtomicBoolean stop = new AtomicBoolean();
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Visibility, not the consumer's idle wait, is measured: answer fetches within 10 ms.
    cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    Deserializer<ReviewLatencyKpi> kpis = Topics.REVIEW_LATENCY_KPI.valueSerde().deserializer();
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(Topics.REVIEW_LATENCY_KPI.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    Thread reader =
        new Thread(
            () -> {
              try (consumer) {
                while (!stop.get()) {
                  for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(10))) {
                    long now = System.nanoTime();
                    ReviewLatencyKpi kpi = kpis.deserialize(r.topic(), r.value());
                    matcher.seen(r.key(), kpi.last7Days().count(), now);
                  }
                }
              }
            },
            "latency-probe-reader");
    reader.start();

    long sent;
    double seconds;
    try (KafkaProducer<String, byte[]> producer = InputProducer.create(bootstrapServers, 5)) {
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      long start = System.nanoTime();
      long warmupEnd = start + warmup.toNanos();
      sent = 0;
      for (BenchEvent e : events) {
        long due = start + sent * intervalNanos;
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        // Reviews of PRs opened before the probe (the input's own teams) are not probes.
        if (e.reviewTeam() != null && probeTeams.contains(e.reviewTeam())) {
          matcher.sent(e.reviewTeam(), System.nanoTime(), now >= warmupEnd);
        }
        producer.send(new ProducerRecord<>(e.topic(), null, e.timestamp(), e.key(), e.value()));
        sent++;
      }
      producer.flush();
      seconds = (System.nanoTime() - start) / 1e9;
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (matcher.measuredMatched() < matcher.measuredSent() && System.nanoTime() < deadline) {
      Thread.sleep(20); // waiting for the last updates to become visible
    }
    stop.set(true);
    reader.join();
    return new Result(rate, seconds, sent, sent / seconds, matcher.measuredSent(), matcher.measuredMatched(),
        matcher.anomalies(), matcher.sortedMillis());
  }
}
