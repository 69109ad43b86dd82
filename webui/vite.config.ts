import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Spring Boot API listens on 8080 in development; proxying keeps the SPA and the
// API on one origin, exactly as in production where the API jar serves the built app.
const apiOrigin = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': apiOrigin,
      '/actuator': apiOrigin,
      '/v3': apiOrigin,
      '/swagger-ui': apiOrigin,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    // Undo vi.stubGlobal('fetch', ...) after every test so no mock leaks between files.
    unstubGlobals: true,
    restoreMocks: true,
    // The suite also runs on busy shared machines, where a form test that types for 2 s when idle
    // passes the 5 s default. A waiting test still ends the moment its condition holds, so a
    // longer limit costs time only when a test fails anyway.
    testTimeout: 30_000,
  },
});
