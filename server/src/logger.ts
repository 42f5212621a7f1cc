import { pino, type Logger } from 'pino';

/** Structured JSON logs; the database password and tokens are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers.cookie',
        'config.neo4j.password',
      ],
      censor: '[redacted]',
    },
  });
}
