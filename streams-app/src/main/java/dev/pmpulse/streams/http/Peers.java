package dev.pmpulse.streams.http;

import dev.pmpulse.streams.query.Instance;
import dev.pmpulse.streams.query.StoreQueries;
import dev.pmpulse.streams.query.StoreUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks another instance of the app, over its own HTTP API, for what it holds. */
final class Peers {
  /**
   * Set on every request one instance sends another. An instance that receives it answers from
   * its own stores or says "try again", and never forwards the request again, so two instances
   * with different views of the assignment cannot bounce a request between them.
   */
  static final String FORWARDED_BY = "X-PmPulse-Forwarded-By";

  /** Set on a response that another instance produced: its host:port. */
  static final String FORWARDED_TO = "X-PmPulse-Forwarded-To";

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  record Answer(int status, String body, Optional<String> retryAfter) {}

  /**
   * What the other instances answered to one GET.
   *
   * @param instances every instance asked, this one first
   * @param bodies per instance that answered 200, its body
   * @param missing why the others gave none
   */
  record Gathered(List<String> instances, Map<String, String> bodies, List<String> missing) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String self;

  Peers(String self) {
    this.self = self;
  }

  /** GET {@code pathAndQuery} from every instance but this one, as {@code queries} lists them. */
  Gathered getFromOthers(StoreQueries queries, String pathAndQuery) {
    List<String> instances = new ArrayList<>(List.of(self));
    Map<String, String> bodies = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    try {
      for (Instance instance : queries.instances()) {
        if (instance.self()) {
          continue;
        }
        instances.add(instance.hostPort());
        try {
          Answer answer = get(instance.hostPort(), pathAndQuery);
          if (answer.status() == 200) {
            bodies.put(instance.hostPort(), answer.body());
          } else {
            missing.add(instance.hostPort() + " answered " + answer.status());
          }
        } catch (IOException e) {
          missing.add(instance.hostPort() + " did not answer");
        }
      }
    } catch (StoreUnavailableException e) {
      missing.add("instance list: " + e.getMessage());
    }
    return new Gathered(instances, bodies, missing);
  }

  /** GET {@code pathAndQuery} (raw, as received) from the instance at {@code hostPort}. */
  Answer get(String hostPort, String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + hostPort + pathAndQuery))
            .timeout(TIMEOUT)
            .header(FORWARDED_BY, self)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + hostPort, e);
    }
  }
}
