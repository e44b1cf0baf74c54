import type { ConfrontoReply, ConfrontoSnodo } from '@trama/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../auth/api';
import { type ConfrontoRow, cardsByVotes, confrontoRows, orderSnodi } from './confrontoModel';
import { plenaryApi } from './plenaryApi';

const REFRESH_MS = 5000;

/**
 * `GET /api/percorsi/:id/confronto`, again every few seconds and whenever `refreshKey`
 * changes (a new focus). Keeps the last good reply while the server cannot be reached.
 */
export function useConfronto(
  percorsoId: string,
  token: string | null,
  refreshKey: unknown,
): { data: ConfrontoReply | null; error: 'refused' | 'offline' | null } {
  const [data, setData] = useState<ConfrontoReply | null>(null);
  const [error, setError] = useState<'refused' | 'offline' | null>(null);
  useEffect(() => {
    void refreshKey;
    if (token === null) return;
    let controller = new AbortController();
    let live = true;
    const load = () => {
      controller.abort();
      controller = new AbortController();
      plenaryApi.confronto(percorsoId, token, controller.signal).then(
        (reply) => {
          if (!live) return;
          setData(reply);
          setError(null);
        },
        (failure: unknown) => {
          if (!live || controller.signal.aborted) return;
          setError(failure instanceof ApiError && failure.refused ? 'refused' : 'offline');
        },
      );
    };
    load();
    // Each refresh reads every snodo board on the server: a hidden tab waits, and catches up
    // as soon as it is shown again.
    const refresh = () => {
      if (document.visibilityState !== 'hidden') load();
    };
    const interval = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      live = false;
      controller.abort();
      clearInterval(interval);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [percorsoId, token, refreshKey]);
  return { data, error };
}

function Cell({ snodo, row }: { snodo: ConfrontoSnodo; row: ConfrontoRow }) {
  const { t } = useTranslation();
  if (row.kind === 'contributi') {
    if (snodo.contributi.length === 0)
      return <p className="confronto__none">{t('plenary.confronto.none')}</p>;
    return (
      <ul className="confronto__list">
        {snodo.contributi.map((item) => (
          <li key={item.ente}>
            {item.ente}: <strong>{t('plenary.confronto.contributi', { count: item.count })}</strong>
          </li>
        ))}
      </ul>
    );
  }
  const cards = cardsByVotes(snodo, row.kind);
  if (cards.length === 0) return <p className="confronto__none">{t('plenary.confronto.none')}</p>;
  return (
    <ol className="confronto__list">
      {cards.map((card) => (
        <li key={card.id} data-card-id={card.id}>
          <span className="confronto__title">
            {card.title.trim() || t('plenary.confronto.untitled')}
          </span>
          {card.votes > 0 ? (
            <span className="confronto__votes" data-testid="confronto-votes">
              {t('plenary.confronto.votes', { count: card.votes })}
            </span>
          ) : null}
          {card.links.length > 0 ? (
            <span className="confronto__links">
              {t('plenary.confronto.links', { list: card.links.join(', ') })}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * All snodi side by side ([PL…] comparison): one row per list the mandate asks for, one
 * column per snodo, cards most voted first. The spotlighted snodo comes first, highlighted
 * and wider.
 */
export function ConfrontoTable({
  data,
  spotlight,
  headingLevel = 2,
}: {
  data: ConfrontoReply;
  spotlight: string | null;
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation();
  const rows = confrontoRows(data.mandate);
  const snodi = orderSnodi(data.snodi, spotlight);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="confronto" data-testid="confronto" aria-labelledby="confronto-heading">
      <Heading id="confronto-heading">
        {t('plenary.confronto.heading', { title: data.title })}
      </Heading>
      {snodi.length === 0 ? (
        <p>{t('plenary.confronto.noSnodi')}</p>
      ) : (
        <div className="confronto__scroll">
          <table className="confronto__table" data-spotlight={spotlight ?? ''}>
            <caption className="visually-hidden">{t('plenary.confronto.caption')}</caption>
            <thead>
              <tr>
                <td />
                {snodi.map((snodo) => (
                  <th
                    key={snodo.boardId}
                    scope="col"
                    className={snodo.boardId === spotlight ? 'is-spotlight' : undefined}
                    data-testid="confronto-snodo"
                    data-board-id={snodo.boardId}
                  >
                    <span className="confronto__tipo" lang="it">
                      {t(`percorso.snodi.tipi.${snodo.tipo}`)}
                    </span>{' '}
                    {snodo.titolo}
                    {snodo.boardId === spotlight ? (
                      <span className="confronto__spotlight" data-testid="confronto-spotlight">
                        {' '}
                        {t('plenary.confronto.spotlight')}
                      </span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.kind}>
                  <th scope="row" lang="it">
                    {t(`percorso.mandato.outputs.${row.output}`)}
                    {row.min !== null ? (
                      <span className="confronto__min">
                        {' '}
                        {t('plenary.confronto.min', { n: row.min })}
                      </span>
                    ) : null}
                  </th>
                  {snodi.map((snodo) => (
                    <td
                      key={snodo.boardId}
                      className={snodo.boardId === spotlight ? 'is-spotlight' : undefined}
                    >
                      <Cell snodo={snodo} row={row} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
