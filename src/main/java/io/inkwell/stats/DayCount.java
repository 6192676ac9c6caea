package io.inkwell.stats;

import java.time.LocalDate;

/** Published posts on one UTC calendar day. */
record DayCount(LocalDate day, long count) {
}
