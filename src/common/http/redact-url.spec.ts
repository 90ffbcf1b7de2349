import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides a calendar feed token in the path, whatever follows it', () => {
    const token = 'Q2FsZW5kYXItZmVlZC10b2tlbi1mb3ItYS10ZXN0LW9ubHk';
    expect(redactUrl(`/api/events/feed/${token}/calendar.ics`)).toBe('/api/events/feed/[redacted]/calendar.ics');
    expect(redactUrl(`/api/events/feed/${token}/calendar.ics?x=1`)).toBe('/api/events/feed/[redacted]/calendar.ics?x=1');
    expect(redactUrl(`/api/events/feed/${token}`)).not.toContain(token);
  });

  it('hides secrets in the query and keeps everything else', () => {
    expect(redactUrl('/api/leads/site/?apikey=abc&name=x&token=t&api_key=k')).toBe('/api/leads/site/?apikey=[redacted]&name=x&token=[redacted]&api_key=[redacted]');
    expect(redactUrl('/api/events/?from=2030-01-01')).toBe('/api/events/?from=2030-01-01');
  });
});
