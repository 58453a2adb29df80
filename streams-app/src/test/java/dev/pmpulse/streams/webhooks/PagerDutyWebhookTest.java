package dev.pmpulse.streams.webhooks;

import static dev.pmpulse.events.EscalationEvent.Severity.P0;
import static dev.pmpulse.events.EscalationEvent.Severity.P1;
import static dev.pmpulse.events.EscalationEvent.Severity.P2;
import static dev.pmpulse.events.EscalationEvent.Severity.P3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PagerDuty's signed example (go-pagerduty) and the incident fixtures derived from it. */
class PagerDutyWebhookTest {
  private static final String SIGNED_BODY = "pagerduty/incident.priority_updated.go-pagerduty-signed-body.json";
  private final PagerDutyWebhook pagerDuty = new PagerDutyWebhook(Fixtures.PAGERDUTY_SECRET);

  private WebhookRequest signedWith(String header) {
    return new WebhookRequest(Map.of("X-PagerDuty-Signature", header), Fixtures.bytes(SIGNED_BODY));
  }

  /** The vectors of go-pagerduty's webhookv3 test: its "valid" and "mismatch" cases. */
  @Test
  void acceptsTheSignatureOfPagerDutysOwnTestAndRefusesItsMismatch() {
    String valid = "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd";
    String mismatch = "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5";
    assertThat(pagerDuty.signed(signedWith(valid))).isTrue();
    assertThat(pagerDuty.signed(signedWith(mismatch))).isFalse();
    assertThat(pagerDuty.signed(signedWith(mismatch + "," + valid))).as("rotation: any may match").isTrue();
    assertThat(pagerDuty.signed(signedWith(mismatch + ", " + valid))).isTrue();
    assertThat(pagerDuty.signed(signedWith("v2=" + valid.substring(3)))).as("unknown version").isFalse();
    assertThat(pagerDuty.signed(signedWith(""))).isFalse();
    assertThat(pagerDuty.signed(new WebhookRequest(Map.of(), Fixtures.bytes(SIGNED_BODY)))).isFalse();
  }

  private Translation translate(String file) throws Exception {
    WebhookRequest request = Fixtures.pagerDuty("w-1", Fixtures.bytes("pagerduty/" + file));
    return pagerDuty.translate(request, pagerDuty.deliveryId(request));
  }

  private static EscalationEvent escalation(String eventId, EscalationEvent.Type type, String at) {
    return new EscalationEvent(1, "pagerduty:" + eventId, type, "PGR0VU2", "A little bump in the road", P1,
        "API Service", Instant.parse(at));
  }

  @Test
  void triggeredOpensAndResolvedResolvesAtTheTimeTheyOccurred() throws Exception {
    Translation.Write<?> opened = (Translation.Write<?>) translate("incident.triggered.derived.json");
    assertThat(opened.topic()).isEqualTo(Topics.ESCALATION_EVENTS);
    assertThat(opened.key()).isEqualTo("PGR0VU2");
    assertThat(opened.value())
        .isEqualTo(escalation("01BWDWL3NYY7LUFPZCC28QUTRG", EscalationEvent.Type.OPENED, "2021-04-26T17:36:27.458Z"));
    assertThat(opened.timestampMs()).isEqualTo(Instant.parse("2021-04-26T17:36:27.458Z").toEpochMilli());
    assertThat(((Translation.Write<?>) translate("incident.resolved.derived.json")).value())
        .isEqualTo(escalation("01BWDWL3NYY7LUFPZCC28QURES", EscalationEvent.Type.RESOLVED, "2021-04-27T05:36:27.458Z"));
  }

  @Test
  void acknowledgedAndOtherEventTypesAreIgnoredByName() throws Exception {
    assertThat(translate("incident.acknowledged.derived.json")).isEqualTo(new Translation.Ignored("incident.acknowledged"));
    assertThat(translate("incident.priority_updated.go-pagerduty-signed-body.json"))
        .isEqualTo(new Translation.Ignored("incident.priority_updated"));
  }

  @Test
  void theDeliveryIdIsTheWebhookIdHeader() {
    assertThat(pagerDuty.deliveryId(Fixtures.pagerDuty("w-9", new byte[0]))).isEqualTo("w-9");
    assertThat(pagerDuty.deliveryId(new WebhookRequest(Map.of(), new byte[0]))).isNull();
  }

  @Test
  void priorityByItsNumberElseUrgency() {
    assertThat(PagerDutyWebhook.severity("P0", "low")).isEqualTo(P0);
    assertThat(PagerDutyWebhook.severity("P1", "low")).isEqualTo(P1);
    assertThat(PagerDutyWebhook.severity("p2", "high")).isEqualTo(P2);
    assertThat(PagerDutyWebhook.severity("P3", "high")).isEqualTo(P3);
    assertThat(PagerDutyWebhook.severity("P5", "high")).isEqualTo(P3);
    assertThat(PagerDutyWebhook.severity("SEV-1", "low")).isEqualTo(P1);
    assertThat(PagerDutyWebhook.severity("Sev 2 - major", "low")).isEqualTo(P2);
    assertThat(PagerDutyWebhook.severity(null, "high")).as("no priorities on the account").isEqualTo(P1);
    assertThat(PagerDutyWebhook.severity(null, "low")).isEqualTo(P3);
    assertThat(PagerDutyWebhook.severity("Critical", "high")).as("a label without a number").isEqualTo(P1);
    assertThat(PagerDutyWebhook.severity(null, null)).isEqualTo(P3);
  }
}
