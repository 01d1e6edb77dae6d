import type { Logger, LogContext } from '../core/index.js';
import type { Timeline } from './timeline.js';

/**
 * A logger that writes the services' info and debug lines into the timeline, under the handler
 * that logged them, and the warnings and errors to stderr as well.
 */
export function createTimelineLogger(timeline: Timeline, stderr: (line: string) => void): Logger {
  const write = (level: string, context: LogContext, message?: string): void => {
    timeline.note(
      `${level === 'info' || level === 'debug' ? 'log' : level}: ${message ?? JSON.stringify(context)}`,
    );
    if (level === 'warn' || level === 'error') stderr(`[${level}] ${message ?? ''}`);
  };
  return {
    error: (context, message) => write('error', context, message),
    warn: (context, message) => write('warn', context, message),
    info: (context, message) => write('info', context, message),
    debug: (context, message) => write('debug', context, message),
  };
}
