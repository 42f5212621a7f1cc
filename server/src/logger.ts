import { pino, type DestinationStream, type Logger } from 'pino';

/** Structured JSON logs; the database password and tokens are redacted wherever they appear. */
/** `destination` defaults to stdout; tests pass a stream to read what would be logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          '*.password',
          'req.headers.authorization',
          'req.headers.cookie',
          'config.neo4j.password',
          'token',
          '*.token',
          'config.access.token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
