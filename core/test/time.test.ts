import { describe, expect, it } from "vitest";
import { addDays, dateIn, offsetMs, zonedTimeToUtc } from "../src/domain/time";

describe("zonedTimeToUtc", () => {
  it("reads a Paris wall-clock time in winter and in summer", () => {
    expect(zonedTimeToUtc("2026-01-15", "15:00", "Europe/Paris").toISOString()).toBe("2026-01-15T14:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-15", "15:00", "Europe/Paris").toISOString()).toBe("2026-07-15T13:00:00.000Z");
  });

  it("puts 15:00 in Paris and 09:00 in Montréal on the same instant", () => {
    expect(zonedTimeToUtc("2026-03-02", "15:00", "Europe/Paris").getTime()).toBe(
      zonedTimeToUtc("2026-03-02", "09:00", "America/Toronto").getTime(),
    );
  });

  it("shifts a time that does not exist (spring forward) past the gap", () => {
    // 2026-03-29 02:30 does not exist in Paris: clocks jump from 02:00 to 03:00.
    expect(zonedTimeToUtc("2026-03-29", "02:30", "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
});

describe("calendar helpers", () => {
  it("tells the local date of an instant", () => {
    expect(dateIn(new Date("2026-01-15T23:30:00Z"), "Europe/Paris")).toBe("2026-01-16");
    expect(dateIn(new Date("2026-01-15T23:30:00Z"), "America/Toronto")).toBe("2026-01-15");
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("knows the offset of London in summer", () => {
    expect(offsetMs(Date.parse("2026-07-01T12:00:00Z"), "Europe/London")).toBe(3_600_000);
  });
});
