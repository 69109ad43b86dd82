import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { accessToken } from '@/lib/access-token';
import { session } from '@/lib/session';
import { jsonResponse, mockFetch, problemResponse, renderWithQueryClient, tokenPair } from '@/testing/test-utils';

import { SignInPage } from './sign-in-page';

function Landed() {
  const location = useLocation();
  return <p>Landed on {location.pathname + location.search}</p>;
}

function renderSignIn(route = '/sign-in') {
  return renderWithQueryClient(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="*" element={<Landed />} />
    </Routes>,
    { route },
  );
}

async function signIn(email: string, password: string, user = userEvent.setup()) {
  await user.type(screen.getByLabelText('E-mail'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in, keeps the tokens and returns to the page the user came from', async () => {
    const fetchMock = mockFetch({
      'POST /api/v1/auth/login': () => jsonResponse(tokenPair({ accessToken: 'jwt-a', refreshToken: 'rt-a', roles: ['MAINTAINER'] })),
    });
    renderSignIn(`/sign-in?next=${encodeURIComponent('/audit?page=2')}`);

    await signIn(' ada@example.com ', 'correct horse');

    expect(await screen.findByText('Landed on /audit?page=2')).toBeInTheDocument();
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe('{"email":"ada@example.com","password":"correct horse"}');
    expect(session.getState()).toMatchObject({ status: 'signed-in', roles: ['MAINTAINER'] });
    expect(accessToken.get()).toBe('jwt-a');
    expect(sessionStorage.getItem('waddleperf.refreshToken')).toBe('rt-a');
  });

  it('never follows a next= that leads off this site', async () => {
    mockFetch({ 'POST /api/v1/auth/login': () => jsonResponse(tokenPair()) });
    renderSignIn(`/sign-in?next=${encodeURIComponent('//evil.example/phish')}`);

    await signIn('ada@example.com', 'correct horse');

    expect(await screen.findByText('Landed on /')).toBeInTheDocument();
  });

  it('shows the server’s reason for a failed sign-in and clears the password', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        problemResponse(401, { type: 'invalid-credentials', title: 'Sign-in failed', detail: 'E-mail or password is wrong' }),
    });
    renderSignIn();

    await signIn('ada@example.com', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in failed: E-mail or password is wrong');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('E-mail')).toHaveValue('ada@example.com');
    expect(session.getState().status).toBe('signed-out');
  });

  it('honours Retry-After: says how long to wait and blocks the button until then', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    mockFetch({
      'POST /api/v1/auth/login': () =>
        problemResponse(
          429,
          { type: 'too-many-sign-in-attempts', title: 'Too many attempts', detail: 'Too many failed sign-ins for this account' },
          { 'Retry-After': '65' },
        ),
    });
    renderSignIn();

    await signIn('ada@example.com', 'guess', userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Too many attempts: Too many failed sign-ins for this account. Try again in 1 minute 5 seconds.',
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(alert).toHaveTextContent('Try again in 5 seconds.');

    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(alert).toHaveTextContent('You can try again now.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows validation errors next to the fields they concern', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          detail: 'Invalid value for: email',
          errors: [{ field: 'email', message: 'must be a well-formed email address' }],
        }),
    });
    renderSignIn();

    await signIn('ada@localhost', 'pw');

    expect(await screen.findByLabelText('E-mail')).toHaveAccessibleDescription('must be a well-formed email address');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid request. Check the highlighted fields.');
  });

  it('explains why the user is back after the session ended', () => {
    session.end('expired');
    renderSignIn();

    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Sign in again to continue.');
  });
});
