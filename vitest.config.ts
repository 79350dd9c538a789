import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers on ephemeral ports; two workers match this 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
