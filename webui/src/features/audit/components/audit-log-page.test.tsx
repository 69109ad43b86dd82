import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { AuditEvent } from '../api/get-audit-log';

import { AuditLogPage } from './audit-log-page';

const PATH = `/api/v1/orgs/${ORG_ID}/audit`;

function event(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `e-${n}`,
    orgId: ORG_ID,
    actorId: 'u-ada',
    actor: 'ada@example.com',
    action: 'member.invited',
    target: `user${n}@example.com as VIEWER`,
    outcome: 'SUCCESS',
    ip: '203.0.113.7',
    details: null,
    createdAt: new Date(Date.UTC(2026, 10, 22, 12, 0, 0) - n * 60_000).toISOString(),
    ...overrides,
  };
}

describe('AuditLogPage', () => {
  it('shows the newest events first and pages through older ones', async () => {
    const pages: number[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        const page = Number(url.searchParams.get('page'));
        pages.push(page);
        expect(url.searchParams.get('size')).toBe('50');
        const items = page === 0 ? [event(1), event(2, { action: 'auth.login', outcome: 'FAILURE', target: null, details: 'wrong password' })] : [event(51)];
        return jsonResponse({ items, page, size: 50, totalItems: 51, totalPages: 2 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AuditLogPage orgId={ORG_ID} />);

    const rows = await screen.findAllByRole('row');
    // Header row, then the events in the server's order: newest first.
    expect(rows[1]).toHaveTextContent('Invited a member');
    expect(rows[1]).toHaveTextContent('user1@example.com as VIEWER');
    expect(rows[2]).toHaveTextContent('Signed in');
    expect(rows[2]).toHaveTextContent('Failure');
    expect(rows[2]).toHaveTextContent('wrong password');
    const pager = screen.getByRole('navigation', { name: 'Audit log pages' });
    expect(pager).toHaveTextContent('Page 1 of 2 · events 1–2 of 51');
    expect(within(pager).getByRole('button', { name: 'Newer' })).toBeDisabled();

    await user.click(within(pager).getByRole('button', { name: 'Older' }));

    expect(await screen.findByText('user51@example.com as VIEWER')).toBeInTheDocument();
    expect(pager).toHaveTextContent('Page 2 of 2 · events 51–51 of 51');
    expect(within(pager).getByRole('button', { name: 'Older' })).toBeDisabled();
    expect(pages).toEqual([0, 1]);
  });

  it('opens the page named in the URL', async () => {
    const pages: number[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        pages.push(Number(url.searchParams.get('page')));
        return jsonResponse({ items: [event(101)], page: 2, size: 50, totalItems: 101, totalPages: 3 });
      },
    });
    renderWithQueryClient(<AuditLogPage orgId={ORG_ID} />, { route: '/audit?page=3' });

    expect(await screen.findByText('user101@example.com as VIEWER')).toBeInTheDocument();
    expect(pages).toEqual([2]);
  });

  it('says so when nothing has been recorded', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse({ items: [], page: 0, size: 50, totalItems: 0, totalPages: 0 }) });
    renderWithQueryClient(<AuditLogPage orgId={ORG_ID} />);

    expect(await screen.findByText('No events yet')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Audit log pages' })).not.toBeInTheDocument();
  });
});
