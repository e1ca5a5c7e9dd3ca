import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Me, Permission } from '#contracts';
import { fetchMe, signOut as requestSignOut } from '../modules/auth/api/auth.api.ts';
import { ApiError, isAbortError, onSessionProblem, setCsrfToken } from './api.ts';
import { navigate } from './router.ts';

/**
 * Who is signed in. On load the app asks GET /api/auth/me: a 401 means "sign in", anything else
 * that fails is shown with a retry. The `Me` kept here drives menus (by permission), the header and
 * the CSRF token the fetch helper sends.
 */

type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  /** `expired`: a session this page was using ended under it (idle, signed out elsewhere). */
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me };

export interface Auth {
  state: AuthState;
  /** The signed-in account, or null. */
  me: Me | null;
  can: (permission: Permission) => boolean;
  /** After a successful sign-in or password change: the new session's `Me`. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  /** Asks GET /api/auth/me again (after a failure to reach the server). */
  recheck: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}

/** The signed-in account; only for components rendered behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in account');
  return me;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [check, setCheck] = useState(0);

  useEffect(() => {
    void check;
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchMe(controller.signal).then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setState({ status: 'signed-in', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          setState({ status: 'signed-out', expired: false });
        } else {
          setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
        }
      },
    );
    return () => controller.abort();
  }, [check]);

  // Any request that finds the session gone sends the user back to sign-in; a password change
  // falling due (403 access.password_change_required) shows the change-password page, a second
  // factor to set up (403 access.totp_setup_required) its set-up page; a stale
  // CSRF token (403 access.csrf_failed) is refreshed.
  useEffect(() => {
    onSessionProblem((problem) => {
      if (problem === 'csrf_stale') {
        // Another tab signed in again or changed the password: take the current session's token,
        // so that the user's next attempt goes through (or learn that the session is gone).
        fetchMe().then(
          (me) => {
            setCsrfToken(me.csrfToken);
            setState({ status: 'signed-in', me });
          },
          (error: unknown) => {
            if (!(error instanceof ApiError && error.status === 401)) return;
            setCsrfToken(null);
            setState((current) =>
              current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current,
            );
          },
        );
      } else if (problem === 'unauthenticated') {
        setCsrfToken(null);
        setState((current) =>
          current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current,
        );
      } else {
        const due =
          problem === 'password_change_required' ? { mustChangePassword: true } : { mustSetUpTotp: true };
        setState((current) =>
          current.status === 'signed-in' ? { status: 'signed-in', me: { ...current.me, ...due } } : current,
        );
      }
    });
    return () => onSessionProblem(null);
  }, []);

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await requestSignOut();
    } catch {
      // The session may already be gone; the page signs out either way.
    }
    setCsrfToken(null);
    setState({ status: 'signed-out', expired: false });
    navigate('/login', { replace: true });
  }, []);

  const recheck = useCallback(() => setCheck((n) => n + 1), []);

  const value = useMemo<Auth>(() => {
    const me = state.status === 'signed-in' ? state.me : null;
    const permissions = new Set<Permission>(me?.permissions ?? []);
    return {
      state,
      me,
      can: (permission) => permissions.has(permission),
      signedIn,
      signOut,
      recheck,
    };
  }, [state, signedIn, signOut, recheck]);

  return <AuthContext value={value}>{children}</AuthContext>;
}
