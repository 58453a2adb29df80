package dev.pmpulse.events;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public holidays of a country, and of one of its regions if given (a German state, a US
 * state...), for any year, from the jollyday library: {@code country} is an ISO 3166 code ({@code
 * DE}), {@code region} a code of jollyday's hierarchy for that country ({@code by} for Bavaria).
 *
 * @param region null: the holidays of the whole country only
 */
public record PublicHolidays(String country, String region) {

  private static final Set<String> COUNTRIES =
      HolidayManager.getSupportedCalendarCodes().stream()
          .map(c -> c.toLowerCase(Locale.ROOT))
          .collect(Collectors.toCollection(TreeSet::new));

  /** @throws IllegalArgumentException for a country or region the library does not know */
  public PublicHolidays {
    country = country.toLowerCase(Locale.ROOT);
    region = region == null || region.isBlank() ? null : region.toLowerCase(Locale.ROOT);
    if (!COUNTRIES.contains(country)) {
      throw new IllegalArgumentException("the holiday library knows no country '" + country + "'");
    }
    if (region != null && !regionsOf(country).contains(region)) {
      throw new IllegalArgumentException("the holiday library knows no region '" + region + "' in '" + country + "'");
    }
  }

  /** The country codes the library knows (lower case). */
  public static Set<String> countries() {
    return COUNTRIES;
  }

  /** The region codes the library knows for {@code country} (lower case). */
  public static Set<String> regionsOf(String country) {
    return new TreeSet<>(manager(country.toLowerCase(Locale.ROOT)).getCalendarHierarchy().getChildren().keySet());
  }

  /** The public holidays in {@code year}, every day of the week. */
  public Set<LocalDate> in(int year) {
    String[] args = region == null ? new String[0] : new String[] {region};
    return manager(country).getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args).stream()
        .map(Holiday::getDate)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static HolidayManager manager(String country) {
    // The library caches a manager per country.
    return HolidayManager.getInstance(ManagerParameters.create(country));
  }
}
