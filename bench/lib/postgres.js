/** The loopback PostgreSQL the benchmarks use (trust auth); each run works in its own throwaway schema. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
