package dev.pmpulse.streams.query;

import java.util.List;

/**
 * One running instance of the app as the API shows it: where its HTTP API is and which stores it
 * serves. Deliberately nothing about the Kafka cluster.
 */
public record Instance(String hostPort, boolean self, List<String> stores) {
  public Instance {
    stores = List.copyOf(stores);
  }
}
