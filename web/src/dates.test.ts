import { describe, expect, it } from 'vitest';
import { isIsoDate, nearestStep, sliderSteps } from './dates';
import { allowedRoutes } from './routes';

describe('sliderSteps', () => {
  it('runs from 1 January seven years back to the end date', () => {
    const s = sliderSteps('2026-12-06');
    expect(s[0]).toBe('2019-01-01');
    expect(s.at(-2)).toBe('2026-12-01');
    expect(s.at(-1)).toBe('2026-12-06');
    expect(nearestStep(s, '2020-01-15')).toBe(12);
  });
  it('checks dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
  });
});

describe('allowedRoutes', () => {
  it('offers a funder no person-level view and no explorer', () => {
    expect(allowedRoutes({ personLevel: false, explorer: false }).map((r) => r.id)).toEqual(['overview', 'voices', 'power', 'money', 'survey']);
    expect(allowedRoutes({ personLevel: true, explorer: true }).map((r) => r.id)).toContain('explorer');
  });
});
