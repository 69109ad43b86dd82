import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { Member } from '../api/get-members';

import { MembersPage } from './members-page';

const PATH = `/api/v1/orgs/${ORG_ID}/members`;

const ADA: Member = { userId: 'u-ada', email: 'ada@example.com', displayName: 'Ada Admin', role: 'ADMIN', since: '2026-11-01T09:00:00Z' };
const BOB: Member = { userId: 'u-bob', email: 'bob@example.com', displayName: 'bob@example.com', role: 'VIEWER', since: '2026-11-02T09:00:00Z' };

const LAST_ADMIN = {
  type: 'last-admin',
  title: 'Conflict',
  detail: 'An organisation needs at least one ADMIN; promote someone else first',
};

function renderMembers() {
  return renderWithQueryClient(<MembersPage orgId={ORG_ID} currentUserId="u-ada" />);
}

describe('MembersPage', () => {
  it('lists the members with their roles and marks the signed-in user', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([ADA, BOB]) });
    renderMembers();

    expect(screen.getByRole('status')).toHaveTextContent('Loading members…');
    const ada = await screen.findByRole('row', { name: /Ada Admin/ });
    expect(within(ada).getByText('you')).toBeInTheDocument();
    expect(within(ada).getByText('ada@example.com')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Role of ada@example.com' })).toHaveValue('ADMIN');
    expect(screen.getByRole('combobox', { name: 'Role of bob@example.com' })).toHaveValue('VIEWER');
    expect(screen.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument();
  });

  it('invites a new person and shows their initial password once, with a copy button', async () => {
    const members = [ADA];
    const invited: unknown[] = [];
    const carol: Member = { userId: 'u-carol', email: 'carol@example.com', displayName: 'Carol', role: 'MAINTAINER', since: '2026-11-03T09:00:00Z' };
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(members),
      [`POST ${PATH}`]: ({ body }) => {
        invited.push(body);
        members.push(carol);
        return jsonResponse({ member: carol, initialPassword: 'Xq7-initial-secret' }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderMembers();
    await screen.findByRole('row', { name: /Ada Admin/ });

    const form = screen.getByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('E-mail'), 'carol@example.com');
    await user.type(within(form).getByLabelText('Name (optional)'), 'Carol');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Maintainer');
    await user.click(within(form).getByRole('button', { name: 'Invite' }));

    const secret = await screen.findByRole('region', { name: 'Initial password for carol@example.com' });
    expect(within(secret).getByLabelText('Initial password')).toHaveValue('Xq7-initial-secret');
    expect(within(secret).getByLabelText('Initial password')).toHaveFocus();
    expect(secret).toHaveTextContent('it is shown only now');
    expect(invited).toEqual([{ email: 'carol@example.com', role: 'MAINTAINER', displayName: 'Carol' }]);
    expect(within(form).getByLabelText('E-mail')).toHaveValue('');
    expect(await screen.findByRole('row', { name: /Carol/ })).toBeInTheDocument();

    await user.click(within(secret).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('Xq7-initial-secret');
    expect(within(secret).getByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(within(secret).getByRole('button', { name: 'Done, I have saved it' }));
    expect(screen.queryByRole('region', { name: /Initial password/ })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Xq7-initial-secret');
  });

  it('adds an existing account without a password and says so', async () => {
    const dave: Member = { userId: 'u-dave', email: 'dave@example.com', displayName: 'Dave', role: 'VIEWER', since: '2026-11-03T09:00:00Z' };
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ADA]),
      [`POST ${PATH}`]: () => jsonResponse({ member: dave, initialPassword: null }, { status: 201 }),
    });
    const user = userEvent.setup();
    renderMembers();

    await user.type(await screen.findByLabelText('E-mail'), 'dave@example.com');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByText('dave@example.com already had an account and now belongs to this organisation as Viewer.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Initial password')).not.toBeInTheDocument();
  });

  it('shows an already-a-member conflict in the invitation form', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ADA, BOB]),
      [`POST ${PATH}`]: () =>
        problemResponse(409, { type: 'already-a-member', title: 'Conflict', detail: 'bob@example.com is already a member of this organisation' }),
    });
    const user = userEvent.setup();
    renderMembers();

    await user.type(await screen.findByLabelText('E-mail'), 'bob@example.com');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not invite');
    expect(alert).toHaveTextContent('Conflict: bob@example.com is already a member of this organisation');
    expect(alert).toHaveTextContent('Request id req-test-1');
  });

  it('explains a refused demotion of the last admin and keeps showing the real role', async () => {
    const bodies: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ADA, BOB]),
      [`PUT ${PATH}/u-ada`]: ({ body }) => {
        bodies.push(body);
        return problemResponse(409, LAST_ADMIN);
      },
    });
    const user = userEvent.setup();
    renderMembers();

    const role = await screen.findByRole('combobox', { name: 'Role of ada@example.com' });
    await user.selectOptions(role, 'Viewer');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not change the role of ada@example.com');
    expect(alert).toHaveTextContent('Conflict: An organisation needs at least one ADMIN; promote someone else first');
    expect(bodies).toEqual([{ role: 'VIEWER' }]);
    await waitFor(() => expect(role).toHaveValue('ADMIN'));
  });

  it('changes a role and confirms it', async () => {
    let bob = BOB;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ADA, bob]),
      [`PUT ${PATH}/u-bob`]: () => {
        bob = { ...BOB, role: 'MAINTAINER' };
        return jsonResponse(bob);
      },
    });
    const user = userEvent.setup();
    renderMembers();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of bob@example.com' }), 'Maintainer');

    expect(await screen.findByRole('status')).toHaveTextContent('bob@example.com is now a Maintainer.');
    expect(screen.getByRole('combobox', { name: 'Role of bob@example.com' })).toHaveValue('MAINTAINER');
  });

  it('removes a member only after confirmation', async () => {
    let members = [ADA, BOB];
    const fetchMock = mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(members),
      [`DELETE ${PATH}/u-bob`]: () => {
        members = [ADA];
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Remove bob@example.com' }));
    let dialog = screen.getByRole('dialog', { name: 'Remove member?' });
    expect(dialog).toHaveTextContent('bob@example.com will lose access to this organisation.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Remove bob@example.com' }));
    dialog = screen.getByRole('dialog', { name: 'Remove member?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('bob@example.com was removed from the organisation.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('row', { name: /bob@example.com/ })).not.toBeInTheDocument());
  });

  it('keeps the dialog open with the reason when removing the last admin is refused', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ADA, BOB]),
      [`DELETE ${PATH}/u-ada`]: () => problemResponse(409, LAST_ADMIN),
    });
    const user = userEvent.setup();
    renderMembers();

    await user.click(await screen.findByRole('button', { name: 'Remove ada@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove member?' });
    expect(dialog).toHaveTextContent('This is you: you will lose access right away.');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not removeConflict: An organisation needs at least one ADMIN; promote someone else first',
    );
  });

  it('says when loading the members failed', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => problemResponse(403, { type: 'forbidden', title: 'Not allowed', detail: 'This needs the ADMIN role; you have VIEWER' }),
    });
    renderMembers();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the members');
    expect(alert).toHaveTextContent('Not allowed: This needs the ADMIN role; you have VIEWER');
  });
});
