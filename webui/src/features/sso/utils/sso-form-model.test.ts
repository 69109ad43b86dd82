import { describe, expect, it } from 'vitest';

import { fieldForPath, type MappingRow } from './sso-form-model';

const ROWS: MappingRow[] = [
  { key: 7, claimValue: ' wp-admins ', role: 'ADMIN' },
  { key: 9, claimValue: '', role: 'VIEWER' },
];

describe('fieldForPath', () => {
  it('keeps the plain fields', () => {
    expect(fieldForPath('issuerUri', ROWS)).toBe('issuerUri');
    expect(fieldForPath('defaultRole', ROWS)).toBe('defaultRole');
  });

  it('puts Bean Validation and Jackson map paths on the row with that (trimmed) claim value', () => {
    expect(fieldForPath('roleMapping[wp-admins]', ROWS)).toBe('roleMapping.7');
    expect(fieldForPath('roleMapping.wp-admins', ROWS)).toBe('roleMapping.7');
    expect(fieldForPath('roleMapping[]', ROWS)).toBe('roleMapping.9');
  });

  it('puts other mapping errors on the mapping as a whole, and leaves unknown paths to the summary', () => {
    expect(fieldForPath('roleMapping', ROWS)).toBe('roleMapping');
    expect(fieldForPath('roleMapping[nobody]', ROWS)).toBe('roleMapping');
    expect(fieldForPath('orgId', ROWS)).toBeUndefined();
  });
});
