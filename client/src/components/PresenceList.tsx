import { Badge } from 'design-react-kit';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../board/usePresence';

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase());
  return letters.join('') || '?';
}

/** Who is on the board right now, you first. */
export function PresenceList({ participants }: { participants: readonly Participant[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <aside className="presence" aria-labelledby={headingId} data-testid="presence">
      <h2 id={headingId} className="presence__heading">
        {t('presence.heading')}{' '}
        <Badge color="primary" pill className="presence__count">
          {t('presence.count', { count: participants.length })}
        </Badge>
      </h2>
      <ul className="presence__list">
        {participants.map((person) => (
          <li
            key={person.clientId}
            className="presence__person"
            data-self={person.isSelf || undefined}
          >
            <span className="avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
              {initials(person.name)}
            </span>
            <span className="presence__name" data-testid="participant-name">
              {person.isSelf ? t('presence.you', { name: person.name }) : person.name}
            </span>
            {person.ente !== '' ? (
              <span className="presence__ente" data-testid="participant-ente">
                {person.ente}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
