import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

/** A wall-clock time given as "floating" milliseconds (the wall clock read as UTC), placed in `zone` by Luxon (a time in a spring-forward gap moves forward). */
export function atWallClock(wall: number, zone: string): DateTime {
  const local = new Date(wall);
  return DateTime.fromObject(
    {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
    },
    { zone },
  );
}

/**
 * Wall-clock times of one IANA zone as instants, fast: a window of daily series holds thousands of
 * occurrences, and Luxon takes ~50-100 µs to place each one. A zone's offset changes a few times a
 * year, so the offset is read once per day and used as is wherever it is the same the day before
 * and the two days after; only near a change does Luxon place the time (as `DateTime.fromObject`
 * does everywhere: a time in a spring-forward gap moves forward).
 */
export class ZoneClock {
  private readonly zone: IANAZone | null;
  private readonly offsets = new Map<number, number>();

  constructor(private readonly name: string) {
    this.zone = name === 'UTC' ? null : IANAZone.create(name);
  }

  /** The instant of a wall-clock time given as "floating" milliseconds (the wall clock read as UTC). */
  instant(wall: number): number {
    if (!this.zone) return wall;
    const day = Math.floor(wall / DAY_MS);
    const offset = this.offsetOn(day);
    if (this.offsetOn(day - 1) === offset && this.offsetOn(day + 1) === offset && this.offsetOn(day + 2) === offset) {
      return wall - offset * 60_000;
    }
    return atWallClock(wall, this.name).toMillis();
  }

  /** The zone's offset in minutes at 00:00 UTC of a day. */
  private offsetOn(day: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      offset = this.zone!.offset(day * DAY_MS);
      this.offsets.set(day, offset);
    }
    return offset;
  }
}
