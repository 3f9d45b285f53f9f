// The login form: the READ_TOKEN or ADMIN_TOKEN, checked with GET /api/session and then kept in
// sessionStorage only.
import { useState } from 'preact/hooks';
import { login, messageOf } from '../api';
import type { Session } from '../types';

export function LoginPage({
  message,
  onLogin,
}: {
  message: string | undefined;
  onLogin(session: Session): void;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (token.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await login(token.trim()));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login card" onSubmit={submit} data-testid="login-form">
      <h1>Hookline</h1>
      {message !== undefined && (
        <p class="muted" data-testid="login-message">
          {message}
        </p>
      )}
      <label>
        Token (read or admin)
        <input
          type="password"
          autocomplete="current-password"
          data-testid="login-token"
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
      </label>
      <button type="submit" data-testid="login-submit" disabled={busy}>
        Log in
      </button>
      {error !== undefined && (
        <p class="error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
    </form>
  );
}
