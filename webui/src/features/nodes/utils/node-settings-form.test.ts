import { describe, expect, it } from 'vitest';

import type { NodeSettingsStatus } from '../api/node-settings';

import { EMPTY_FORM, formFromSettings, requestFromForm, settingsFieldOf } from './node-settings-form';

describe('node settings form', () => {
  it('turns empty fields into null, which leaves the node its own configuration', () => {
    expect(requestFromForm(EMPTY_FORM)).toEqual({
      allowlist: null,
      idleTimeoutSeconds: null,
      capacity: null,
      region: null,
      labels: null,
    });
  });

  it('splits lists by line or comma and trims every entry', () => {
    expect(
      requestFromForm({
        allowlist: ' 192.0.2.0/24\n\n2001:db8::/32 , 10.0.0.1 ',
        idleTimeoutSeconds: ' 30 ',
        capacity: '2',
        region: ' eu-west ',
        labels: 'edge, tier=gold',
      }),
    ).toEqual({
      allowlist: ['192.0.2.0/24', '2001:db8::/32', '10.0.0.1'],
      idleTimeoutSeconds: 30,
      capacity: 2,
      region: 'eu-west',
      labels: ['edge', 'tier=gold'],
    });
  });

  it('shows stored settings back in the form', () => {
    const stored = {
      allowlist: ['192.0.2.0/24', '10.0.0.1'],
      idleTimeoutSeconds: null,
      capacity: 4,
      region: null,
      labels: ['edge'],
    } as NodeSettingsStatus;
    expect(formFromSettings(stored)).toEqual({
      allowlist: '192.0.2.0/24\n10.0.0.1',
      idleTimeoutSeconds: '',
      capacity: '4',
      region: '',
      labels: 'edge',
    });
  });

  it('maps the server’s indexed paths onto the form’s fields', () => {
    expect(settingsFieldOf('allowlist[3]')).toBe('allowlist');
    expect(settingsFieldOf('labels[0]')).toBe('labels');
    expect(settingsFieldOf('capacity')).toBe('capacity');
    expect(settingsFieldOf('version')).toBeUndefined();
  });
});
