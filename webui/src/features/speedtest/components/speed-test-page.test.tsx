import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import { SpeedTestPage, type SpeedTestNode } from './speed-test-page';

const EDGE: SpeedTestNode = { id: 'n-1', name: 'edge-1', region: 'eu-west', advertisedUrl: 'https://edge-1.example.com', online: true };

describe('SpeedTestPage', () => {
  it('offers only online nodes the browser can reach', () => {
    renderWithQueryClient(
      <SpeedTestPage
        orgId={ORG_ID}
        canRun
        nodes={[EDGE, { ...EDGE, id: 'n-2', name: 'down', online: false }, { ...EDGE, id: 'n-3', name: 'hidden', advertisedUrl: null }]}
      />,
    );
    const options = Array.from(screen.getByLabelText<HTMLSelectElement>('Test against').options).map((o) => o.text);
    expect(options).toEqual(['edge-1 (eu-west)']);
    expect(screen.getByRole('button', { name: 'Start speed test' })).toBeEnabled();
  });

  it('lets a VIEWER look but not run', () => {
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun={false} nodes={[EDGE]} />);
    expect(screen.queryByRole('button', { name: 'Start speed test' })).not.toBeInTheDocument();
    expect(screen.getByText('Running speed tests needs the Maintainer role.')).toBeInTheDocument();
  });

  it('explains when no node can serve a browser test', () => {
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun nodes={[{ ...EDGE, online: false }]} />);
    expect(screen.getByText('No node can serve a browser test')).toBeInTheDocument();
  });
});
