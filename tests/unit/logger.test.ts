import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';

describe('structured logs', () => {
  it('redact secrets and authorization headers wherever they appear', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        bot: { appPassword: 'bot-secret-1' },
        tabApi: { clientSecret: 'tab-secret-2' },
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret-3' } },
        webhook: { secret: 'hmac-secret-4' },
        config: { databaseUrl: 'postgres://user:pw-5@db/crewdesk' },
      },
      'starting',
    );
    const line = lines.join('');
    for (const secret of ['bot-secret-1', 'tab-secret-2', 'secret-3', 'hmac-secret-4', 'pw-5']) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ msg: 'starting', app: 'crewdesk' });
  });
});
