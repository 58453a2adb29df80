package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.Json;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import dev.pmpulse.streams.webhooks.WebhookMetrics.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's deliveries, from request to answer. In order: the signature (401 and nothing
 * written unless it is valid), the delivery id (a redelivery of one handled lately is answered
 * without writing), the payload (an event written and acknowledged; an event PM Pulse does not
 * measure counted; a payload it cannot read dead-lettered with its reason), each answered 2xx; a
 * write Kafka does not acknowledge is a 503, which tells the sender to try again.
 */
final class WebhookReceiver {
  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

  private final WebhookSource source;
  private final WebhookWriter writer;
  private final WebhookMetrics metrics;
  private final MeterRegistry meters;
  private final RecentDeliveries recent;

  WebhookReceiver(WebhookSource source, WebhookWriter writer, WebhookMetrics metrics, MeterRegistry meters) {
    this.source = source;
    this.writer = writer;
    this.metrics = metrics;
    this.meters = meters;
    this.recent = new RecentDeliveries(RecentDeliveries.CAPACITY);
  }

  /** The answer to a POST; the status and a small JSON body. */
  record Answer(int status, String body) {
    static Answer of(int status, String outcome, String detail) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("outcome", outcome);
      if (detail != null) {
        body.put("detail", detail);
      }
      return new Answer(status, Json.write(body));
    }
  }

  String name() {
    return source.name();
  }

  Answer receive(WebhookRequest request) {
    if (!source.signed(request)) {
      metrics.count(Outcome.BAD_SIGNATURE);
      return Answer.of(401, Outcome.BAD_SIGNATURE.tag, "missing or invalid signature");
    }
    String deliveryId;
    try {
      deliveryId = source.deliveryId(request);
    } catch (IllegalArgumentException e) {
      metrics.count(Outcome.BAD_REQUEST);
      return Answer.of(400, Outcome.BAD_REQUEST.tag, e.getMessage());
    }
    if (deliveryId != null && recent.contains(deliveryId)) {
      metrics.count(Outcome.DUPLICATE);
      return Answer.of(200, Outcome.DUPLICATE.tag, null);
    }
    try {
      Answer answer = handle(request, deliveryId);
      if (deliveryId != null) {
        recent.add(deliveryId);
      }
      return answer;
    } catch (WebhookWriter.WriteFailedException e) {
      metrics.count(Outcome.FAILED);
      log.warn("{} delivery {}: Kafka did not acknowledge the write ({}); answered 503", source.name(), deliveryId,
          e.getMessage());
      return Answer.of(503, Outcome.FAILED.tag, "not written; send it again");
    }
  }

  private Answer handle(WebhookRequest request, String deliveryId) throws WebhookWriter.WriteFailedException {
    Translation translation;
    try {
      translation = source.translate(request, deliveryId);
    } catch (RejectedRecordException e) {
      Rejection rejection = e.rejection();
      writer.deadLetter(request.body(), source.name(), deliveryId, rejection);
      DeadLetter.counter(meters, source.topic(), rejection.reason()).increment();
      metrics.count(Outcome.DEAD_LETTERED);
      // 2xx: the delivery is kept (and alerted on); sending it again would change nothing, and
      // PagerDuty disables a subscription whose deliveries keep getting 4xx.
      return Answer.of(202, Outcome.DEAD_LETTERED.tag, rejection.reason() + ": " + rejection.detail());
    }
    if (translation instanceof Translation.Write<?> write) {
      writer.write(write, source.name(), deliveryId);
      metrics.count(Outcome.WRITTEN);
      return Answer.of(200, Outcome.WRITTEN.tag, null);
    }
    Translation.Ignored ignored = (Translation.Ignored) translation;
    metrics.count(Outcome.IGNORED);
    metrics.ignored(ignored.what());
    return Answer.of(202, Outcome.IGNORED.tag, ignored.what());
  }
}
