import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

import { session } from '@/lib/session';

// jsdom has <dialog> but not its modal API; the browser's own behaviour (inert page,
// focus kept inside, Escape) is not what these tests check, only that the dialog opens
// and closes.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      this.open = false;
    },
  });
}

// findBy…/waitFor give up after 1 s by default, which a loaded machine can take to answer a
// stubbed request and render; they still return as soon as the element is there.
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  // The session is a module singleton; each test starts signed out with empty storage.
  session.end('initial');
  sessionStorage.clear();
});
