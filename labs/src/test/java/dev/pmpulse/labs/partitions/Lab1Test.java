package dev.pmpulse.labs.partitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.labs.LabDriver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** Lab 1: keys and partitions. */
class Lab1Test {
  private static final Instant T = Instant.parse("2026-11-16T09:00:00Z");

  @Test
  void partitionOfPicksThePartitionKafkasProducerPicks() {
    for (String key : List.of("acme/streams#1", "acme/streams#2", "acme/connect#17", "acme/platform#240", "acme/clients#3")) {
      for (int partitions : new int[] {3, 6}) {
        int kafka = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        assertThat(TeamPartitions.partitionOf(key, partitions))
            .as("partitionOf(\"%s\", %d): Kafka's producer puts this key on partition %d. It hashes the key's bytes "
                + "(UTF-8) with murmur2, makes the hash positive and takes it modulo the partition count", key, partitions, kafka)
            .isEqualTo(kafka);
      }
    }
  }

  @Test
  void theSameKeyAlwaysLandsOnTheSamePartition() {
    assertThat(TeamPartitions.partitionOf("acme/streams#1", 3))
        .as("two calls with the same key and partition count must agree: a PR's events stay in order only on one partition")
        .isEqualTo(TeamPartitions.partitionOf("acme/streams#1", 3));
  }

  @Test
  void openedPerTeamCountsPerTeamThroughARepartitionTopic() {
    Topology topology = LabDriver.built(TeamPartitions::openedPerTeam);
    Map<String, Long> counts = new LinkedHashMap<>();
    try (TopologyTestDriver driver = LabDriver.of(topology)) {
      var input = driver.createInputTopic(
          Topics.PR_EVENTS.name(), Topics.PR_EVENTS.keySerde().serializer(), Topics.PR_EVENTS.valueSerde().serializer());
      for (PrEvent e : List.of(
          opened("streams", 1), opened("streams", 2), opened("connect", 7), merged("streams", 1), opened("streams", 3))) {
        input.pipeInput(e.key(), e, e.at());
      }
      var output = driver.createOutputTopic(
          TeamPartitions.OPENED_PER_TEAM, Serdes.String().deserializer(), Serdes.Long().deserializer());
      for (KeyValue<String, Long> kv : output.readKeyValuesToList()) {
        counts.put(kv.key, kv.value);
      }
    }
    // Three PRs of streams opened, one of connect; a merge is not an opening.
    assertThat(counts)
        .as("the latest count per key on %s. Expected one count per team; if the keys look like acme/streams#1, "
            + "the records still carry the PR as their key: group them by the team (the new key) instead",
            TeamPartitions.OPENED_PER_TEAM)
        .isEqualTo(Map.of("streams", 3L, "connect", 1L));
    assertThat(topology.describe().toString())
        .as("a new key must reach the task that owns it: the topology should write to a repartition topic")
        .contains("-repartition");
  }

  private static PrEvent opened(String team, int number) {
    return event(PrEvent.Type.OPENED, team, number);
  }

  private static PrEvent merged(String team, int number) {
    return event(PrEvent.Type.MERGED, team, number);
  }

  private static PrEvent event(PrEvent.Type type, String team, int number) {
    return new PrEvent(PrEvent.VERSION, team + "-" + number + "-" + type, type, "acme/" + team, number, team, "ana", "ana",
        List.of(), List.of(), null, List.of(), T.plusSeconds(number));
  }
}
