package dev.pmpulse.streams.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Posts a folder of saved GitHub deliveries to a webhook endpoint, signed with the configured
 * secret, in file-name order: a way to feed real payloads without a public URL.
 *
 * <p>A delivery is two files with one name: {@code NAME.json}, the body, sent byte for byte, and
 * {@code NAME.headers}, its headers one per line ({@code X-GitHub-Event: pull_request}), as GitHub's
 * "Recent Deliveries" page shows them. {@code X-GitHub-Event} and {@code X-GitHub-Delivery} are
 * required; other {@code X-GitHub-*} headers, {@code Content-Type} and {@code User-Agent} are sent
 * as they are; a saved signature is dropped and the body signed anew. Blank lines and lines
 * starting with {@code #} are skipped, and so is a leading {@code "> "}.
 */
public final class GitHubReplay {
  /** A saved delivery: its name (the files' common name), the headers to send and the body. */
  public record Delivery(String name, Map<String, String> headers, byte[] body) {}

  /** What the endpoint answered to one delivery. */
  public record Result(String name, int status, String body) {
    public boolean accepted() {
      return status / 100 == 2;
    }
  }

  private final WebhookSecret secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public GitHubReplay(WebhookSecret secret) {
    this.secret = secret;
  }

  /**
   * The deliveries in {@code dir}, by file name.
   *
   * @throws IllegalArgumentException in one line naming the file, when the folder holds no
   *     delivery, a body has no headers file (or the reverse), or the headers lack a required one
   */
  public static List<Delivery> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no such folder: " + dir);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (Path body : files) {
      String file = body.getFileName().toString();
      if (file.endsWith(".headers") && !Files.isRegularFile(dir.resolve(stem(file, ".headers") + ".json"))) {
        throw new IllegalArgumentException(file + " has no body file " + stem(file, ".headers") + ".json");
      }
      if (!file.endsWith(".json")) {
        continue;
      }
      String name = stem(file, ".json");
      Path headers = dir.resolve(name + ".headers");
      if (!Files.isRegularFile(headers)) {
        throw new IllegalArgumentException(file + " has no headers file " + name + ".headers");
      }
      try {
        deliveries.add(new Delivery(name, headers(headers), Files.readAllBytes(body)));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (deliveries.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no delivery (NAME.json with NAME.headers)");
    }
    return deliveries;
  }

  /** Posts every delivery of {@code dir} to {@code endpoint}, one after the other. */
  public List<Result> replay(Path dir, URI endpoint) throws IOException, InterruptedException {
    List<Result> results = new ArrayList<>();
    for (Delivery d : read(dir)) {
      results.add(post(d, endpoint));
    }
    return results;
  }

  /** Posts one delivery, signed with the secret. */
  public Result post(Delivery delivery, URI endpoint) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::setHeader);
    request.setHeader(GitHubWebhook.SIGNATURE_HEADER, GitHubWebhook.SIGNATURE_PREFIX + secret.sign(delivery.body()));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Result(delivery.name(), response.statusCode(), response.body());
  }

  private static Map<String, String> headers(Path file) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.startsWith("> ") ? raw.substring(2) : raw;
      int colon = line.indexOf(':');
      if (line.isBlank() || line.startsWith("#") || colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String lower = name.toLowerCase(Locale.ROOT);
      boolean sent = (lower.startsWith("x-github-") || lower.equals("content-type") || lower.equals("user-agent"));
      if (sent) {
        headers.put(name, line.substring(colon + 1).strip());
      }
    }
    for (String required : List.of(GitHubWebhook.EVENT_HEADER, GitHubWebhook.DELIVERY_HEADER)) {
      if (headers.keySet().stream().noneMatch(required::equalsIgnoreCase)) {
        throw new IllegalArgumentException(file.getFileName() + " lacks the header " + required);
      }
    }
    return headers;
  }

  private static String stem(String file, String suffix) {
    return file.substring(0, file.length() - suffix.length());
  }
}
