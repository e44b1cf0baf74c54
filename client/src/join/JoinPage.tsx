import type { ResolveCodeReply } from '@trama/shared';
import { Alert, Card } from 'design-react-kit';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import { ApiError, api } from '../auth/api';
import {
  linkTarget,
  readAccess,
  storeToken,
  tokenForBoard,
  tokenFromFragment,
} from '../auth/tokens';
import { JoinForm } from './JoinForm';
import { JoinContext } from './JoinGate';
import { parseJoinInput } from './joinInput';

/** Path and token of a server link (`/b/<id>#t=…`): where to go after joining. */
function splitLink(link: string): { path: string; token: string | null } {
  const url = new URL(link, 'http://local');
  return { path: url.pathname, token: tokenFromFragment(url.hash) };
}

/** Follows a link with a token: store it for its board or percorso, then go there. */
export function openWithToken(path: string, token: string | null): void {
  const target = linkTarget(path);
  if (target !== null && token !== null) storeToken(target, token);
  navigate(path);
}

/** `/j`: type or paste the short code (or a link) of an invite. */
function CodeEntry({ initialError }: { initialError?: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(initialError ?? false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = parseJoinInput(text);
    if (input === null) {
      setInvalid(true);
      return;
    }
    if (input.kind === 'code') navigate(`/j/${encodeURIComponent(input.code)}`);
    else if (input.kind === 'link') openWithToken(input.path, input.token);
    else if (tokenForBoard(readAccess(), input.boardId) !== null) navigate(`/b/${input.boardId}`);
    else setInvalid(true);
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="join-code-form">
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          {t('join.code.label')}
        </label>
        <input
          id={inputId}
          className="form-control join-code__input"
          type="text"
          value={text}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={2000}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
          data-testid="join-code"
        />
        <p id={hintId} className="field__hint">
          {t('join.code.hint')}
        </p>
        {invalid ? (
          <p id={errorId} className="field__error" role="alert">
            {t('join.code.invalid')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary">
        {t('join.code.submit')}
      </button>
    </form>
  );
}

type Resolution =
  | { state: 'loading' }
  | { state: 'resolved'; reply: ResolveCodeReply }
  | { state: 'unknown' }
  | { state: 'offline' };

/** `/j/<code>`: what the code opens, then who is joining, then the board. */
function CodeJoin({ code }: { code: string }) {
  const { t } = useTranslation();
  const [resolution, setResolution] = useState<Resolution>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    setResolution({ state: 'loading' });
    api.resolveCode(code, controller.signal).then(
      (reply) => setResolution({ state: 'resolved', reply }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResolution(
          error instanceof ApiError && error.offline ? { state: 'offline' } : { state: 'unknown' },
        );
      },
    );
    return () => controller.abort();
  }, [code, attempt]);

  switch (resolution.state) {
    case 'loading':
      return (
        <p role="status" data-testid="join-resolving">
          {t('join.code.resolving', { code })}
        </p>
      );
    case 'offline':
      return (
        <div>
          <Alert color="warning" fade={false}>
            {t('join.code.offline')}
          </Alert>
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => setAttempt((n) => n + 1)}
          >
            {t('join.code.retry')}
          </button>
        </div>
      );
    case 'unknown':
      return (
        <>
          <Alert color="danger" fade={false} className="field__error" data-testid="join-unknown">
            {t('join.code.unknown', { code })}
          </Alert>
          <CodeEntry />
        </>
      );
    case 'resolved': {
      const { reply } = resolution;
      const { path } = splitLink(reply.link);
      return (
        <>
          <JoinContext role={reply.role} percorsoTitle={reply.percorsoTitle} />
          <JoinForm
            token={reply.token}
            target={linkTarget(path)}
            onJoined={(_me, personal) => openWithToken(path, personal)}
          />
        </>
      );
    }
  }
}

/** `/j` and `/j/<code>`: join a percorso or a tavolo without an account. */
export function JoinPage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const headingId = useId();

  useEffect(() => {
    document.title = t('join.documentTitle');
  }, [t]);

  return (
    <Card tag="section" shadow="sm" rounded className="join panel" aria-labelledby={headingId}>
      <h1 id={headingId}>{t('join.heading')}</h1>
      <p className="lead">{t('join.intro')}</p>
      {code === null ? <CodeEntry /> : <CodeJoin key={code} code={code} />}
    </Card>
  );
}
