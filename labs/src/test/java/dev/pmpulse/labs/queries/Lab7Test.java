package dev.pmpulse.labs.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pmpulse.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Lab 7: interactive queries across two instances. */
class Lab7Test {
  private static final String TOPIC = Topics.OPEN_ESCALATIONS.name();
  private static final int PARTITIONS = Topics.OPEN_ESCALATIONS.partitions();
  private static final String DEMO = "127.0.0.1:8080";
  private static final String SECOND = "127.0.0.1:8083";

  /** The demo's app and a second instance, as the /kafka page lists them once the rebalance is over. */
  private static final Map<String, List<String>> TWO_INSTANCES =
      Map.of(DEMO, List.of(TOPIC + "-0", TOPIC + "-2"), SECOND, List.of(TOPIC + "-1"));

  @Test
  void aKeysQueryGoesToTheInstanceThatHoldsItsPartition() {
    for (String key : escalations()) {
      int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), PARTITIONS);
      String owner = partition == 1 ? SECOND : DEMO;
      assertThat(KeyOwner.ownerOf(key, TOPIC, PARTITIONS, TWO_INSTANCES))
          .as("ownerOf(\"%s\"): the app wrote it to partition %d of %s, which %s holds (%s). The partition is the "
              + "producer's, as in lab 1: murmur2 of the key's UTF-8 bytes, made positive, modulo %d; not "
              + "String.hashCode, which no Kafka client uses", key, partition, TOPIC, owner, TWO_INSTANCES, PARTITIONS)
          .isEqualTo(owner);
    }
  }

  @Test
  void duringARebalanceNobodyHoldsThePartitionAndTheAnswerIsAskAgain() {
    // The second instance has just left: partition 1 is not active anywhere until it is reassigned.
    Map<String, List<String>> rebalancing = Map.of(DEMO, List.of(TOPIC + "-0", TOPIC + "-2"));
    String key = escalations().stream()
        .filter(k -> BuiltInPartitioner.partitionForKey(k.getBytes(StandardCharsets.UTF_8), PARTITIONS) == 1)
        .findFirst()
        .orElseThrow();
    Throwable thrown = catchThrowable(() -> KeyOwner.ownerOf(key, TOPIC, PARTITIONS, rebalancing));
    assertThat(thrown)
        .as("ownerOf(\"%s\") while no instance holds %s-1 (a rebalance). Asking an instance that does not hold the "
            + "partition would answer 'not found' for an escalation that is open: throw IllegalStateException, the "
            + "app's 503 'ask again'", key, TOPIC)
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> escalations() {
    return IntStream.rangeClosed(1, 12).mapToObj(n -> "ESC-" + n).toList();
  }
}
