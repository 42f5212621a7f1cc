import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const redact: LoggerOptions['redact'] = {
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
};

/**
 * Short lines for a person at a terminal: time, level, message ("GET /api/search?q=x 200 4 ms",
 * see app.ts). The request and response objects stay in the JSON a log collector reads.
 */
const prettyOptions = {
  colorize: true,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,req,res,responseTime',
  singleLine: true,
};

/**
 * Structured JSON logs (one object per line) for files, pipes and log collectors; on a terminal,
 * pino-pretty in a worker thread, so formatting and writes to a slow TTY never hold up a request.
 * The database password and tokens are redacted wherever they appear. `destination` (tests pass
 * a stream to read what would be logged) always gets JSON; `pretty` defaults to whether stdout is
 * a terminal.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  pretty = destination === undefined && process.stdout.isTTY === true,
): Logger {
  if (pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: prettyOptions } });
  }
  return pino({ level, redact }, destination);
}
