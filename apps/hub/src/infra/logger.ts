import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** One pino logger per process; pretty output on a terminal, JSON lines otherwise. */
export function createLogger(level: string, stream: 'stdout' | 'stderr' = 'stdout'): Logger {
  const fd = stream === 'stdout' ? 1 : 2;
  const pretty = (stream === 'stdout' ? process.stdout : process.stderr).isTTY && level !== 'silent';
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['*.secretKey', '*.password', 'config.secretKey', 'headers["x-signature"]'],
        censor: '[redacted]',
      },
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: { destination: fd, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
    pretty ? undefined : pino.destination({ fd, sync: true }),
  );
}

/** NestJS's logger interface on top of pino, so framework messages land in the same stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
