package dev.pmpulse.demo.endtoend;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same end-to-end test against Kafka in a container (the image pinned in the parent POM's
 * {@code kafka.image}), where Docker exists; skipped cleanly where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerEndToEndTest extends EndToEndContract {
  @Container
  static final KafkaContainer KAFKA =
      new KafkaContainer(DockerImageName.parse(System.getProperty("kafka.image", "apache/kafka-native:4.1.1")));

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
