import { DateTime, IANAZone } from 'luxon';
import { ZoneClock } from './zone-clock.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

const byLuxon = (wall: number, zone: string) => {
  const local = new Date(wall);
  return DateTime.fromObject(
    { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() },
    { zone },
  ).toMillis();
};

describe('ZoneClock', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'America/Santiago', 'UTC'])(
    'places wall-clock times of two years in %s where Luxon does, every 15 minutes around each offset change',
    (zone) => {
      const clock = new ZoneClock(zone);
      const offsetOn = (day: number) => IANAZone.create(zone).offset(day * DAY);
      const walls: number[] = [];
      for (let day = Date.UTC(2027, 0, 1) / DAY; day < Date.UTC(2029, 0, 1) / DAY; day++) {
        const changes = offsetOn(day) !== offsetOn(day + 1);
        if (changes) for (let at = (day - 1) * DAY; at < (day + 3) * DAY; at += 15 * MINUTE) walls.push(at);
        else walls.push(day * DAY + ((day * 37) % 1440) * MINUTE);
      }
      const wrong = walls.filter((wall) => clock.instant(wall) !== byLuxon(wall, zone)).map((wall) => new Date(wall).toISOString());
      expect(wrong).toEqual([]);
      expect(walls.length).toBeGreaterThan(700);
    },
  );
});
