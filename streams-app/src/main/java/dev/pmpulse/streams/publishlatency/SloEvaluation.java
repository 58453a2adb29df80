package dev.pmpulse.streams.publishlatency;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation;
import java.util.List;

/** One closed minute judged: the KPI record and the line crossings it caused. */
record SloEvaluation(PublishLatencyKpi kpi, List<SloViolation> violations) {}
