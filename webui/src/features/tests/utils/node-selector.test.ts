import { describe, expect, it } from 'vitest';

import { selectorProblem } from './node-selector';

describe('selectorProblem', () => {
  it('checks region and label selectors like the API', () => {
    expect(selectorProblem('eu-west')).toBeUndefined();
    expect(selectorProblem('zone=a:1.b_c')).toBeUndefined();
    expect(selectorProblem('eu west')).toBe('must be 1-64 letters, digits or . _ = : -');
    expect(selectorProblem('x'.repeat(65))).toBe('must be 1-64 letters, digits or . _ = : -');
  });
});
