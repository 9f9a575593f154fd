import { TZDate } from '@date-fns/tz';

// Working time: SLA deadlines count only the minutes a team works. Wall-clock times are turned
// into instants by @date-fns/tz (Intl underneath), so DST and every zone come from the platform.

/** Weekly hours by ISO weekday ("1" = Monday … "7" = Sunday) as ["09:00", "18:00"] spans. */
export type WeeklyHours = Record<string, Array<[string, string]>>;

export type WorkSchedule = {
  timeZone: string;
  hours: WeeklyHours;
  /** Days off on top of the weekly hours, YYYY-MM-DD in the schedule's time zone. */
  holidays: string[];
};

export const DEFAULT_SCHEDULE: WorkSchedule = {
  timeZone: 'Europe/Moscow',
  hours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((day) => [day, [['09:00', '18:00']]]),
  ) as WeeklyHours,
  holidays: [],
};

const MINUTE = 60_000;
// A schedule with no working minute at all would loop forever; two years is plenty of search.
const MAX_DAYS_SEARCHED = 366 * 2;

const timeZoneValidity = new Map<string, boolean>();

/** Remembered per zone: building a DateTimeFormat to test one costs more than routing a lead. */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = timeZoneValidity.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    // Bounded: zones come from settings, but a stream of bad input must not grow the map forever.
    if (timeZoneValidity.size < 1000) timeZoneValidity.set(timeZone, valid);
  }
  return valid;
}

/** Minutes since midnight of "HH:MM" ("24:00" allowed as the end of a day), or undefined. */
export function minutesOfClock(value: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : undefined;
}

type LocalDay = { year: number; month: number; day: number };

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: LocalDay) => `${d.year}-${pad(d.month + 1)}-${pad(d.day)}`;
const isoWeekday = (d: LocalDay) => {
  const weekday = new Date(Date.UTC(d.year, d.month, d.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
};
const nextDay = (d: LocalDay): LocalDay => {
  const next = new Date(Date.UTC(d.year, d.month, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth(), day: next.getUTCDate() };
};

function localDayOf(at: Date, timeZone: string): LocalDay {
  const local = new TZDate(at.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
}

/** The instant a wall-clock minute of a local day happens in the zone. */
function instantOf(d: LocalDay, minuteOfDay: number, timeZone: string): number {
  return new TZDate(
    d.year,
    d.month,
    d.day,
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
    timeZone,
  ).getTime();
}

/** The working spans of one local day as instants, in order. */
function spansOf(d: LocalDay, schedule: WorkSchedule): Array<[number, number]> {
  if (schedule.holidays.includes(dayKey(d))) return [];
  const spans: Array<[number, number]> = [];
  for (const [from, to] of schedule.hours[String(isoWeekday(d))] ?? []) {
    const start = minutesOfClock(from);
    const end = minutesOfClock(to);
    if (start === undefined || end === undefined || end <= start) continue;
    spans.push([instantOf(d, start, schedule.timeZone), instantOf(d, end, schedule.timeZone)]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/**
 * The instant `minutes` working minutes after `from`: Friday 17:55 plus 15 minutes with hours
 * 09:00–18:00 is Monday 09:10. Zero minutes gives the next working instant (from itself when
 * inside hours).
 */
export function addWorkingMinutes(from: Date, minutes: number, schedule: WorkSchedule): Date {
  let remaining = Math.max(0, minutes) * MINUTE;
  let day = localDayOf(from, schedule.timeZone);
  const start = from.getTime();
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    for (const [spanStart, spanEnd] of spansOf(day, schedule)) {
      const begin = Math.max(spanStart, start);
      if (begin >= spanEnd) continue;
      if (remaining <= spanEnd - begin) return new Date(begin + remaining);
      remaining -= spanEnd - begin;
    }
    day = nextDay(day);
  }
  // No working time in the schedule: fall back to plain minutes rather than never.
  return new Date(start + Math.max(0, minutes) * MINUTE);
}

/** Whether the instant falls inside the schedule's working hours. */
export function isWithinWorkingHours(at: Date, schedule: WorkSchedule): boolean {
  const t = at.getTime();
  return spansOf(localDayOf(at, schedule.timeZone), schedule).some(([s, e]) => t >= s && t < e);
}

/** Start and end of the local calendar day containing `at` (for "due today"). */
export function localDayBounds(at: Date, timeZone: string): { start: Date; end: Date } {
  const day = localDayOf(at, timeZone);
  return {
    start: new Date(instantOf(day, 0, timeZone)),
    end: new Date(instantOf(nextDay(day), 0, timeZone)),
  };
}
