package dev.pmpulse.streams.teams;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Writes a teams file's teams to {@link Topics#TEAMS}: only what differs from the topic, so an
 * unchanged file writes nothing, and a tombstone for each team the file no longer names. The
 * topology picks the records up through its global store ({@link TeamsTable}).
 */
public final class TeamsTopic {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Properties kafka;

  /** @param kafka client settings (bootstrap servers, security) */
  public TeamsTopic(Properties kafka) {
    this.kafka = kafka;
  }

  /**
   * The teams on the topic now, by name; a record that is not a valid team is kept as null, so
   * that the file's team replaces it.
   */
  public Map<String, Team> read() {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, Team> teams = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.TEAMS.name(), TIMEOUT).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + Topics.TEAMS.name() + " does not exist: create the registry's topics "
            + "(the app does unless told --no-create-topics)");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + Topics.TEAMS.name() + " to its end within " + TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            teams.remove(r.key());
          } else {
            teams.put(r.key(), parse(r.value()));
          }
        }
      }
    }
    return teams;
  }

  /**
   * Makes the topic hold {@code next}'s teams, given that it holds {@code current}.
   *
   * @return the names of the teams written (changed, added or removed)
   */
  public List<String> write(Map<String, Team> current, TeamDirectory next) {
    Map<String, Team> changes = new HashMap<>();
    for (Team team : next.teams()) {
      if (!current.containsKey(team.name()) || !team.equals(current.get(team.name()))) {
        changes.put(team.name(), team);
      }
    }
    for (String name : current.keySet()) {
      if (next.find(name).isEmpty()) {
        changes.put(name, null);
      }
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<String, Team> producer =
        new KafkaProducer<>(props, Topics.TEAMS.keySerde().serializer(), Topics.TEAMS.valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      changes.forEach((name, team) -> sent.add(producer.send(new ProducerRecord<>(Topics.TEAMS.name(), name, team))));
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write the teams to " + Topics.TEAMS.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the teams", e);
    }
    return changes.keySet().stream().sorted().toList();
  }

  private static Team parse(byte[] value) {
    try {
      return Json.read(value, Team.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
