import {
  addContributo,
  type CardKind,
  CONTRIBUTO_TIPI,
  type ContributoTipo,
  cardRichTextFields,
  deleteContributo,
  getBacklinkIds,
  getCardRichText,
  getCardSummary,
  getLinkedIds,
  getObiettivoChecklist,
  getObiettivoText,
  isContributoTipo,
  linkCards,
  linkRuleFrom,
  listCards,
  listContributi,
  OBIETTIVO_CHECKLIST_ITEMS,
  type ObiettivoChecklistItem,
  type RichTextField as RichTextFieldId,
  setObiettivoChecklistItem,
  setObiettivoText,
  unlinkCards,
  updateContributo,
} from '@trama/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useDocValue } from '../board/useDocValue';
import { RichTextEditor } from '../editor/RichTextEditor';
import { currentLanguage } from '../i18n';
import { fieldLabel } from '../i18n/fieldLabel';
import { FocusCardButton } from '../plenary/FollowBar';
import { useAnnounce } from './Announcer';
import { LabelInput } from './LabelInput';

export interface CardDetailsProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly cardId: string;
  readonly kind: CardKind;
  readonly editable: boolean;
  /** Heading level for the parts of the card ("Collegamenti", "Contributi"): 3 on the canvas, 4 in the outline. */
  readonly level?: 3 | 4;
}

function RichTextField({
  doc,
  awareness,
  cardId,
  field,
  editable,
}: {
  doc: Y.Doc;
  awareness: Awareness;
  cardId: string;
  field: RichTextFieldId;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const fragment = getCardRichText(doc, cardId, field);
  if (fragment === undefined) return null;
  return (
    <div className="card__field" data-field={field}>
      <div id={labelId} className="card__field-label">
        {fieldLabel(t, field)}
      </div>
      <RichTextEditor
        fragment={fragment}
        awareness={awareness}
        labelledBy={labelId}
        editable={editable}
        cardId={cardId}
      />
    </div>
  );
}

function cardLabel(doc: Y.Doc, id: string, untitled: (kind: CardKind) => string): string {
  const summary = getCardSummary(doc, id);
  if (summary === undefined) return '';
  return summary.title.trim() || untitled(summary.kind);
}

/**
 * The links of a card as lists a keyboard or screen-reader user can work with: what it
 * answers or develops (removable, and a select to add one), and what builds on it.
 */
function CardLinks({
  doc,
  cardId,
  kind,
  editable,
  level,
}: Omit<CardDetailsProps, 'awareness'> & { level: 3 | 4 }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const selectId = useId();
  const [choice, setChoice] = useState('');
  const untitled = (k: CardKind) => t('card.untitled', { kind: t(`sections.${k}.singular`) });
  const rule = linkRuleFrom(kind);
  const links = useDocValue(
    doc,
    (d) => ({
      linked: getLinkedIds(d, cardId).map((id) => ({ id, label: cardLabel(d, id, untitled) })),
      backlinks: getBacklinkIds(d, cardId).map((id) => ({ id, label: cardLabel(d, id, untitled) })),
      options:
        rule === undefined
          ? []
          : listCards(d, rule.to)
              .filter((card) => !getLinkedIds(d, cardId).includes(card.id))
              .map((card) => ({ id: card.id, label: card.title.trim() || untitled(card.kind) })),
    }),
    `links:${cardId}`,
  );
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="card-links" data-testid="card-links">
      {rule !== undefined ? (
        <>
          <Heading className="card-links__heading">
            {kind === 'obiettivo'
              ? t('outline.links.obiettivo')
              : t('outline.links.lineaStrategica')}
          </Heading>
          {links.linked.length === 0 ? (
            <p className="card-links__empty">{t('outline.links.none')}</p>
          ) : (
            <ul className="card-links__list">
              {links.linked.map((link) => (
                <li key={link.id} data-link-to={link.id}>
                  <a href={`#card-${link.id}`} className="card-links__target">
                    {link.label}
                  </a>
                  {editable ? (
                    <button
                      type="button"
                      className="btn btn-link btn-xs"
                      aria-label={t('outline.links.remove', { title: link.label })}
                      onClick={() => {
                        unlinkCards(doc, cardId, link.id);
                        announce(t('outline.links.removed', { title: link.label }));
                      }}
                      data-testid="unlink"
                    >
                      {t('outline.links.removeShort')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {editable && links.options.length > 0 ? (
            <div className="card-links__add">
              <label htmlFor={selectId} className="card-links__label">
                {kind === 'obiettivo'
                  ? t('outline.links.add.obiettivo')
                  : t('outline.links.add.lineaStrategica')}
              </label>
              <select
                id={selectId}
                className="select"
                value={choice}
                onChange={(event) => setChoice(event.target.value)}
                data-testid="link-select"
              >
                <option value="">{t('outline.links.choose')}</option>
                {links.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn btn-outline-primary btn-xs"
                disabled={choice === ''}
                onClick={() => {
                  if (choice === '') return;
                  const label = links.options.find((option) => option.id === choice)?.label ?? '';
                  linkCards(doc, cardId, choice);
                  setChoice('');
                  announce(t('outline.links.added', { title: label }));
                }}
                data-testid="link-add"
              >
                {t('outline.links.addButton')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      {kind !== 'lineaStrategica' ? (
        <>
          <Heading className="card-links__heading">{t(`outline.backlinks.${kind}`)}</Heading>
          {links.backlinks.length === 0 ? (
            <p className="card-links__empty">{t('outline.links.none')}</p>
          ) : (
            <ul className="card-links__list">
              {links.backlinks.map((link) => (
                <li key={link.id}>
                  <a href={`#card-${link.id}`} className="card-links__target">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}

function ObiettivoExtras({
  doc,
  cardId,
  editable,
  level,
}: Omit<CardDetailsProps, 'awareness' | 'kind'> & { level: 3 | 4 }) {
  const { t } = useTranslation();
  const indicatoreId = useId();
  const orizzonteId = useId();
  const values = useDocValue(
    doc,
    (d) => ({
      indicatore: getObiettivoText(d, cardId, 'indicatore'),
      orizzonte: getObiettivoText(d, cardId, 'orizzonte'),
      checklist: getObiettivoChecklist(d, cardId),
    }),
    `obiettivo:${cardId}`,
  );
  const language = currentLanguage();
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <>
      <div className="card__field card__field--short">
        <label htmlFor={indicatoreId} className="card__field-label">
          {t('outline.obiettivo.indicatore')}
        </label>
        <LabelInput
          id={indicatoreId}
          className="input"
          value={values.indicatore}
          readOnly={!editable}
          onCommit={(value) => setObiettivoText(doc, cardId, 'indicatore', value)}
          data-testid="indicatore"
        />
      </div>
      <div className="card__field card__field--short">
        <label htmlFor={orizzonteId} className="card__field-label">
          {t('outline.obiettivo.orizzonte')}
        </label>
        <LabelInput
          id={orizzonteId}
          className="input"
          value={values.orizzonte}
          readOnly={!editable}
          onCommit={(value) => setObiettivoText(doc, cardId, 'orizzonte', value)}
          data-testid="orizzonte"
        />
      </div>
      <fieldset className="checklist" data-testid="checklist">
        <legend className="checklist__legend">
          <Heading className="checklist__heading">{t('outline.obiettivo.checklist')}</Heading>
        </legend>
        {OBIETTIVO_CHECKLIST_ITEMS.map((item) => (
          <label key={item.id} className="checklist__item">
            <input
              type="checkbox"
              checked={values.checklist[item.id as ObiettivoChecklistItem]}
              disabled={!editable}
              onChange={(event) =>
                setObiettivoChecklistItem(doc, cardId, item.id, event.target.checked)
              }
            />
            <span>{language === 'en' ? item.en : item.it}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

function Contributi({
  doc,
  cardId,
  editable,
  level,
}: Omit<CardDetailsProps, 'awareness' | 'kind'> & { level: 3 | 4 }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const contributi = useDocValue(doc, (d) => listContributi(d, cardId), `contributi:${cardId}`);
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="contributi" data-testid="contributi">
      <Heading className="contributi__heading">{t('outline.contributi.heading')}</Heading>
      {contributi.length === 0 ? (
        <p className="card-links__empty">{t('outline.contributi.none')}</p>
      ) : (
        <ul className="contributi__list">
          {contributi.map((contributo, index) => (
            <li key={contributo.id} className="contributo">
              <LabelInput
                className="input contributo__ente"
                aria-label={t('outline.contributi.ente', { n: index + 1 })}
                placeholder={t('outline.contributi.entePlaceholder')}
                value={contributo.ente}
                readOnly={!editable}
                onCommit={(ente) => updateContributo(doc, cardId, contributo.id, { ente })}
              />
              <select
                className="select contributo__tipo"
                aria-label={t('outline.contributi.tipo', { n: index + 1 })}
                value={contributo.tipo}
                disabled={!editable}
                onChange={(event) => {
                  const tipo = event.target.value;
                  if (isContributoTipo(tipo))
                    updateContributo(doc, cardId, contributo.id, { tipo });
                }}
              >
                {CONTRIBUTO_TIPI.map((tipo) => (
                  <option key={tipo} value={tipo}>
                    {t(`outline.contributi.tipi.${tipo}`)}
                  </option>
                ))}
              </select>
              <LabelInput
                className="input contributo__descrizione"
                aria-label={t('outline.contributi.descrizione', { n: index + 1 })}
                placeholder={t('outline.contributi.descrizionePlaceholder')}
                value={contributo.descrizione}
                readOnly={!editable}
                onCommit={(descrizione) =>
                  updateContributo(doc, cardId, contributo.id, { descrizione })
                }
              />
              {editable ? (
                <button
                  type="button"
                  className="btn btn-link btn-xs"
                  aria-label={t('outline.contributi.remove', { n: index + 1 })}
                  onClick={() => {
                    deleteContributo(doc, cardId, contributo.id);
                    announce(t('outline.contributi.removed'));
                  }}
                >
                  {t('outline.links.removeShort')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <button
          type="button"
          className="btn btn-outline-primary btn-xs"
          onClick={() => {
            addContributo(doc, cardId, { ente: '', tipo: 'persone' satisfies ContributoTipo });
            announce(t('outline.contributi.added'));
          }}
          data-testid="add-contributo"
        >
          {t('outline.contributi.add')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Everything a card holds besides its title, by kind: the rich-text fields, the obiettivo's
 * indicator, time frame and checklist, the linea's contributi, and the links. Used by the
 * opened card on the canvas and by each card of the outline.
 */
export function CardDetails({
  doc,
  awareness,
  cardId,
  kind,
  editable,
  level = 4,
}: CardDetailsProps) {
  return (
    <div className="card-details">
      <FocusCardButton cardId={cardId} />
      {cardRichTextFields(kind).map((field) => (
        <RichTextField
          key={field}
          doc={doc}
          awareness={awareness}
          cardId={cardId}
          field={field}
          editable={editable}
        />
      ))}
      {kind === 'obiettivo' ? (
        <ObiettivoExtras doc={doc} cardId={cardId} editable={editable} level={level} />
      ) : null}
      {kind === 'lineaStrategica' ? (
        <Contributi doc={doc} cardId={cardId} editable={editable} level={level} />
      ) : null}
      <CardLinks doc={doc} cardId={cardId} kind={kind} editable={editable} level={level} />
    </div>
  );
}
