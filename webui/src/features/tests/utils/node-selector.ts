/**
 * The API's rule for a region or label node selector (ProbeParameters' selector check). It is
 * about where a test runs, not about the probe, so the probe-types catalogue does not carry it.
 */
export function selectorProblem(value: string): string | undefined {
  return /^[A-Za-z0-9._=:-]{1,64}$/.test(value) ? undefined : 'must be 1-64 letters, digits or . _ = : -';
}
