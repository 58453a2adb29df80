package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a merged change touches one public API surface (for example {@code producer-api}). */
public record ApiChange(String surface, Kind kind) {
  public enum Kind {
    @JsonProperty("breaking") BREAKING,
    @JsonProperty("additive") ADDITIVE,
    @JsonProperty("deprecation") DEPRECATION,
    @JsonProperty("none") NONE
  }
}
