// Benchmarks in headless Debian chromium (npm run bench): not part of the
// test run; figures go to BENCHMARKS.md.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testMatch: /.*\.bench\.ts/, timeout: 600_000 });
