/** The logging the services need; pino (and Fastify's logger) satisfy it. */
export type Log = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};
